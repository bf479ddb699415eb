import { describe, expect, it } from 'vitest';
import { decideOrThrow, EmailAddress, osloZone, replay, type Instant, type OrderState } from '@fagsign/domain';
import { DateTime } from 'luxon';
import { createSimulatedProvider, outageOn, type SimulatedProviderOptions } from './simulated-provider.js';
import { manualClock } from './clock.js';
import { drain, testJob, withParty } from '../testing/jobs.js';
import { commandsForStatusChange } from '../status-commands.js';
import { ProviderUnavailable } from '../errors/provider-unavailable.js';
import { TooManyRequests } from '../errors/too-many-requests.js';
import { JobAlreadyFinished } from '../errors/job-already-finished.js';
import { UnknownJob } from '../errors/unknown-job.js';
import type { StatusChange } from '../signing-provider.js';

const start = '2026-08-03T07:00:00.000Z' as Instant; // a Monday, 09:00 in Oslo

const setup = (options: Partial<SimulatedProviderOptions> = {}) => {
  const clock = manualClock(start);
  const provider = createSimulatedProvider({ seed: 42, now: clock.now, polling: { afterEmptySeconds: 0 }, ...options });
  return { clock, provider };
};

const last = (changes: StatusChange[]) => changes[changes.length - 1]!;
const roleStatus = (change: StatusChange) => Object.fromEntries(change.signers.map((s) => [s.role, s.status]));

describe('the simulated signing service', () => {
  it('lets willing signers sign within hours to days, in Oslo daytime, and completes the job', async () => {
    const { clock, provider } = setup({ profile: { needsReminderChance: 0, noResponseChance: 0 } });
    const job = testJob(start);
    await provider.createJob(job.request);
    clock.advanceBy({ days: 6 });
    const changes = await drain(provider);
    expect(last(changes).jobStatus).toBe('COMPLETED_SUCCESSFULLY');
    expect(last(changes).padesUrl).toBeDefined();
    for (const s of last(changes).signers) {
      const hour = DateTime.fromISO(s.since, { zone: osloZone }).hour;
      expect(hour >= 7 && hour < 23).toBe(true);
      expect(s.since > start).toBe(true);
    }
    const order: OrderState = { ...job.order, status: 'accepted', providerJobId: '1' };
    const signed = changes.flatMap((c) => commandsForStatusChange(c, order).commands).filter((c) => c.type === 'RecordSignerSigned');
    expect(new Set(signed.map((c) => (c as { role: string }).role))).toEqual(new Set(job.order.signers.map((s) => s.role)));
    // Through the real decider: the contract ends signed, knowing where the signed document is.
    let state = job.state;
    const context = { now: DateTime.fromISO(clock.now()) };
    for (const change of changes) {
      const order = state.orders[state.orders.length - 1]!;
      for (const command of commandsForStatusChange(change, order).commands) state = replay(decideOrThrow(command, state, context), state);
    }
    expect(state.status).toBe('signed-electronically');
    expect(JSON.stringify(state)).toContain('simulated:/jobs/1/pades');
  });

  it('is deterministic from its seed, whatever the polling rhythm', async () => {
    const run = async (seed: number, hoursPerStep: number) => {
      const { clock, provider } = setup({ seed });
      for (let i = 1; i <= 5; i++) await provider.createJob(testJob(start, { seed: i }).request);
      const seen: string[] = [];
      for (let h = 0; h < 20 * 24; h += hoursPerStep) {
        clock.advanceBy({ hours: hoursPerStep });
        for (const c of await drain(provider)) seen.push(`${c.providerJobId} ${c.jobStatus} ${c.signers.map((s) => `${s.role}:${s.status}@${s.since}`).join(',')}`);
      }
      return seen.sort();
    };
    const a = await run(42, 1);
    expect(a.length).toBeGreaterThan(5);
    expect(await run(42, 7)).toEqual(a);
    expect(await run(43, 1)).not.toEqual(a);
  });

  it('never makes two jobs for one order', async () => {
    const { clock, provider } = setup();
    const job = testJob(start);
    const first = await provider.createJob(job.request);
    const second = await provider.createJob(job.request);
    expect(first).toEqual({ orderId: job.order.orderId, providerJobId: '1', created: true });
    expect(second).toEqual({ ...first, created: false });
    clock.advanceBy({ days: 15 });
    expect(new Set((await drain(provider)).map((c) => c.providerJobId))).toEqual(new Set(['1']));
  });

  it('lets a signer with a wrong mobile number never sign, so the job expires at its deadline; the next attempt signs', async () => {
    const { clock, provider } = setup({ script: { 'LK-1': { laerling: ['wrong-mobile', 'signs'], kandidat: ['changed-mobile', 'signs'] } } });
    const job = testJob(start, { contractId: 'LK-1' });
    const apprentice = job.order.signers[0]!.role;
    await provider.createJob(job.request);
    clock.advanceTo(job.order.deadline);
    const changes = await drain(provider);
    const end = last(changes);
    expect(end.jobStatus).toBe('FAILED');
    expect(end.signers.find((s) => s.role === apprentice)).toMatchObject({ status: 'EXPIRED', since: job.order.deadline });
    expect(changes.some((c) => c.signers.some((s) => s.role === apprentice && s.status === 'SIGNED'))).toBe(false);
    expect(commandsForStatusChange(end, { ...job.order, providerJobId: '1' }).commands).toContainEqual({
      type: 'ExpireOrder', orderId: job.order.orderId, reportedByProvider: true, expiredAt: job.order.deadline,
    });
    const retry = { ...job.request, orderId: 'LK-1/2' as never, attempt: 2 };
    await provider.createJob(retry);
    clock.advanceBy({ days: 6 });
    const again = provider.job(retry.orderId)!;
    expect(again.signers.find((s) => s.role === apprentice)!.status).toBe('SIGNED');
  });

  it('does not read a shared mailbox: the faglig leder never signs and the job expires', async () => {
    const { clock, provider } = setup({ profile: { needsReminderChance: 0, noResponseChance: 0 } });
    const job = testJob(start, { change: withParty('faglig-leder', (p) => ({ ...p, email: EmailAddress.registered('post@bilfag.no') })) });
    await provider.createJob(job.request);
    provider.remind(job.order.orderId, 'faglig-leder');
    clock.advanceTo(job.order.deadline);
    const end = last(await drain(provider));
    expect(roleStatus(end)['faglig-leder']).toBe('EXPIRED');
    expect(end.jobStatus).toBe('FAILED');
  });

  it('answers a missing e-mail address with CONTACT_INFORMATION_MISSING, ending the job for the others', async () => {
    const { clock, provider } = setup();
    const job = testJob(start, { change: withParty('faglig-leder', ({ email: _gone, ...p }) => p) });
    await provider.createJob(job.request);
    clock.advanceBy({ minutes: 1 });
    const end = last(await drain(provider));
    expect(end.jobStatus).toBe('FAILED');
    expect(roleStatus(end)['faglig-leder']).toBe('CONTACT_INFORMATION_MISSING');
    expect(Object.values(roleStatus(end)).filter((s) => s !== 'CONTACT_INFORMATION_MISSING').every((s) => s === 'NOT_APPLICABLE' || s === 'SIGNED')).toBe(true);
  });

  it.each([
    ['rejects', 'REJECTED'],
    ['reserved', 'RESERVED'],
    ['blocked', 'BLOCKED'],
    ['name-not-available', 'SIGNERS_NAME_NOT_AVAILABLE'],
    [{ kind: 'status', status: 'ON_HOLD', afterHours: 1 }, 'ON_HOLD'],
  ] as const)('reports a scripted %j as %s', async (entry, status) => {
    const { clock, provider } = setup({ script: ({ role }) => (role === 'daglig-leder' ? entry : 'signs') });
    const job = testJob(start);
    await provider.createJob(job.request);
    clock.advanceBy({ days: 5 });
    const changes = await drain(provider);
    expect(changes.some((c) => roleStatus(c)['daglig-leder'] === status)).toBe(true);
  });

  it('answers 503 all day during an outage, and takes the same order the next day', async () => {
    const { clock, provider } = setup({ outages: [outageOn('2026-08-03')] });
    const job = testJob(start);
    const error = await provider.createJob(job.request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect(error).toMatchObject({ code: 'http-503', transient: true });
    await expect(provider.fetchStatusChanges()).rejects.toBeInstanceOf(ProviderUnavailable);
    clock.advanceTo('2026-08-03T21:59:59.000Z' as Instant);
    await expect(provider.createJob(job.request)).rejects.toBeInstanceOf(ProviderUnavailable);
    clock.advanceTo('2026-08-04T06:00:00.000Z' as Instant);
    expect(await provider.createJob(job.request)).toMatchObject({ created: true });
  });

  it('answers 429 with the next permitted poll time when polled again too soon after an empty queue', async () => {
    const { clock, provider } = setup({ polling: { afterEmptySeconds: 600 } });
    const first = await provider.fetchStatusChanges();
    expect(first).toEqual({ changes: [], nextPollAt: '2026-08-03T07:10:00.000Z' });
    clock.advanceBy({ minutes: 5 });
    const error = await provider.fetchStatusChanges().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequests);
    expect(error).toMatchObject({ nextPermittedPollTime: '2026-08-03T07:10:00.000Z', transient: true, retryAfter: '2026-08-03T07:10:00.000Z' });
    clock.advanceTo('2026-08-03T07:10:00.000Z' as Instant);
    await expect(provider.fetchStatusChanges()).resolves.toMatchObject({ changes: [] });
  });

  it('delivers an unconfirmed change again after ten minutes, and a confirmed one never', async () => {
    const { clock, provider } = setup({ script: () => ({ kind: 'signs', afterHours: 1 }) });
    const job = testJob(start);
    await provider.createJob(job.request);
    clock.advanceBy({ hours: 2 });
    const [first] = (await provider.fetchStatusChanges()).changes;
    expect(first).toBeDefined();
    clock.advanceBy({ minutes: 9 });
    const meanwhile = await drain(provider, false);
    expect(meanwhile.map((c) => c.confirmation.token)).not.toContain(first!.confirmation.token);
    clock.advanceBy({ minutes: 2 });
    const again = await drain(provider, false);
    expect(again.map((c) => c.confirmation.token)).toContain(first!.confirmation.token);
    for (const c of [...meanwhile, ...again]) await provider.confirm(c);
    await provider.confirm(first!); // twice is harmless
    clock.advanceBy({ hours: 1 });
    expect(await drain(provider)).toEqual([]);
    expect(provider.pendingChanges).toBe(0);
  });

  it('lets a signer who waits for a reminder sign only after remind, within hours', async () => {
    const { clock, provider } = setup({ script: ({ role }) => (role === 'faglig-leder' ? 'needs-reminder' : 'signs') });
    const job = testJob(start);
    await provider.createJob(job.request);
    clock.advanceBy({ days: 8 });
    expect(provider.job(job.order.orderId)!.signers.find((s) => s.role === 'faglig-leder')!.status).toBe('WAITING');
    provider.remind(job.order.orderId, 'faglig-leder');
    const remindedAt = clock.now();
    clock.advanceBy({ days: 1 });
    const leader = provider.job(job.order.orderId)!.signers.find((s) => s.role === 'faglig-leder')!;
    expect(leader.status).toBe('SIGNED');
    expect(Date.parse(leader.since) - Date.parse(remindedAt)).toBeLessThan(20 * 3600_000);
  });

  it('cancels a job in progress, and answers JobAlreadyFinished for one that ended', async () => {
    const { clock, provider } = setup({ script: () => ({ kind: 'signs', afterHours: 3 }) });
    const a = testJob(start, { seed: 1 });
    const b = testJob(start, { seed: 2 });
    const jobA = await provider.createJob(a.request);
    const jobB = await provider.createJob(b.request);
    await provider.cancelJob(jobA);
    const cancelled = (await drain(provider)).filter((c) => c.providerJobId === jobA.providerJobId);
    expect(Object.values(roleStatus(last(cancelled)))).toEqual(a.order.signers.map(() => 'CANCELLED'));
    clock.advanceBy({ days: 2 });
    const error = await provider.cancelJob(jobB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobAlreadyFinished);
    expect(error).toMatchObject({ code: 'already-finished', transient: false });
  });

  it('gives the signed document of a completed job at the link its completing change carried, and UnknownJob for anything else', async () => {
    const { clock, provider } = setup({ script: () => ({ kind: 'signs', afterHours: 2 }) });
    const done = testJob(start, { seed: 1 });
    const running = testJob(start, { seed: 2 });
    const doneJob = await provider.createJob(done.request);
    clock.advanceBy({ days: 3 });
    const runningJob = await provider.createJob(running.request);
    const completing = (await drain(provider)).find((c) => c.providerJobId === doneJob.providerJobId && c.jobStatus === 'COMPLETED_SUCCESSFULLY')!;
    const url = completing.padesUrl!;

    const pdf = new TextDecoder().decode(await provider.fetchSignedDocument({ providerJobId: doneJob.providerJobId, url }));
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.endsWith('%%EOF\n')).toBe(true);
    // The cross-reference offset points at the table, as in a PDF a reader can open.
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');

    const refused = [
      { providerJobId: '99', url: 'simulated:/jobs/99/pades' }, // no such job
      { providerJobId: runningJob.providerJobId, url }, // another job's link
      { providerJobId: doneJob.providerJobId, url: `${url}/../../${runningJob.providerJobId}/pades` },
      { providerJobId: runningJob.providerJobId, url: `simulated:/jobs/${runningJob.providerJobId}/pades` }, // not completed yet
    ];
    for (const ref of refused) {
      const error = await provider.fetchSignedDocument(ref).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnknownJob);
      expect(error).toMatchObject({ code: 'http-404', transient: false, providerJobId: ref.providerJobId });
    }
  });

  it('fails to give the signed document during an outage, like its other calls, and gives it the next day', async () => {
    const { clock, provider } = setup({ script: () => ({ kind: 'signs', afterHours: 2 }), outages: [outageOn('2026-08-10')] });
    const job = testJob(start);
    const { providerJobId } = await provider.createJob(job.request);
    clock.advanceBy({ days: 3 });
    const url = last(await drain(provider)).padesUrl!;
    clock.advanceTo('2026-08-10T10:00:00.000Z' as Instant);
    const error = await provider.fetchSignedDocument({ providerJobId, url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect(error).toMatchObject({ code: 'http-503', transient: true });
    clock.advanceTo('2026-08-11T10:00:00.000Z' as Instant);
    expect((await provider.fetchSignedDocument({ providerJobId, url })).length).toBeGreaterThan(100);
  });

  it('opens a later group only after everyone in the earlier group has signed', async () => {
    const { clock, provider } = setup({ script: () => ({ kind: 'signs', afterHours: 2 }) });
    const job = testJob(start);
    const grouped = { ...job.request, signers: job.request.signers.map((s, i) => ({ ...s, group: i === 0 ? 2 : 1 })) };
    await provider.createJob(grouped);
    clock.advanceBy({ days: 3 });
    const view = provider.job(job.order.orderId)!;
    const late = view.signers[0]!;
    const others = view.signers.slice(1).map((s) => s.since).sort();
    expect(late.status).toBe('SIGNED');
    expect(Date.parse(late.since) - Date.parse(others[others.length - 1]!)).toBeGreaterThanOrEqual(2 * 3600_000);
  });
});
