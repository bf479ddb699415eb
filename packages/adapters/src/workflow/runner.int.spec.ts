import { describe, expect, it } from 'vitest';
import { contractStreamName, defaultPolicy, pilotPolicy, replay, toDateTime, type ContractId, type Instant, type OrderId } from '@fagsign/domain';
import { sampleRegistration } from '@fagsign/domain/testing';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import { handle } from '../handling/handle.js';
import type { SigningProvider, StatusChange } from '../provider/signing-provider.js';
import { createWorkflowRunner } from './runner.js';
import { simulatedArchive, simulatedNotifier, simulatedVigo } from './simulated-ports.js';
import { MobileNumber } from '@fagsign/domain';
import { outageOn } from '../provider/simulated/simulated-provider.js';
import { TooManyRequests } from '../provider/errors/too-many-requests.js';
import { ProviderUnavailable } from '../provider/errors/provider-unavailable.js';
import { oslo, simulatedWorld } from './runner.fixture.js';

const osloTime = (instant: string) => toDateTime(instant as never).toFormat("yyyy-MM-dd'T'HH:mm");

describe('workflow runner', () => {
  it('takes an order to the service, brings back the signatures, then archives and reports to Vigo', async () => {
    const world = simulatedWorld({ start: '2026-08-03T09:00', script: { 'WF-1': { laerling: 'signs', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } } });
    const id = await world.register({ contractId: 'WF-1' });
    await world.runUntil('2026-08-12T09:00', 30, async () => (await world.state(id)).followUp?.vigo.done === true);
    const state = await world.state(id);
    expect(state.status).toBe('signed-electronically');
    expect(state.followUp?.archive).toMatchObject({ done: true, reference: expect.stringMatching(/^ARK-2026-/) });
    expect(world.archive.stored).toHaveLength(1);
    expect(world.vigo.reported).toMatchObject([{ contractId: 'WF-1', method: 'electronic' }]);
    expect(state.signedDocument).toMatch(/pades$/);
  });

  it('the pilot\'s outage: errors all day at the service, the same order goes through the next working day', async () => {
    const world = simulatedWorld({ start: '2026-08-05T08:55', outages: [outageOn('2026-08-05')], script: { 'WF-2': { laerling: 'signs', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } } });
    const id = await world.register({ contractId: 'WF-2' });
    await world.runUntil('2026-08-05T12:00');
    const failed = await world.state(id);
    expect(failed.orders).toHaveLength(1);
    expect(failed.orders[0]).toMatchObject({ status: 'awaiting-retry', lastProviderError: 'http-503' });
    expect(osloTime(failed.orders[0]!.retryAt!)).toBe('2026-08-06T08:00');
    await world.runUntil('2026-08-06T08:15');
    const retried = await world.state(id);
    expect(retried.orders.map((o) => o.status)).toEqual(['accepted']);
    expect(world.simulated.job(`WF-2/1` as OrderId)?.providerJobId).toBe(retried.orders[0]!.providerJobId);
  });

  it('with the pilot\'s policy the outage fails the order, as it did then', async () => {
    const world = simulatedWorld({ start: '2026-08-05T09:00', outages: [outageOn('2026-08-05')], policy: pilotPolicy });
    const id = await world.register({ contractId: 'WF-3' });
    await world.runUntil('2026-08-05T10:00');
    expect((await world.state(id)).orders[0]).toMatchObject({ status: 'failed', failureCause: 'provider-error' });
  });

  it('respects a 429: no poll before the permitted time', async () => {
    const polls: string[] = [];
    let refusals = 0;
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      wrapProvider: (provider) => ({
        ...provider,
        async fetchStatusChanges() {
          polls.push(world.clock.now());
          try {
            return await provider.fetchStatusChanges();
          } catch (error) {
            if (error instanceof TooManyRequests) refusals++;
            throw error;
          }
        },
      }),
    });
    await world.register({ contractId: 'WF-4' });
    await world.runUntil('2026-08-03T15:00', 1);
    // the simulated service permits a poll 5 minutes after an empty one; we ran every minute
    expect(refusals).toBe(0);
    for (let i = 1; i < polls.length; i++) expect(Date.parse(polls[i]!) - Date.parse(polls[i - 1]!)).toBeGreaterThanOrEqual(0);
    expect(polls.length).toBeLessThan(6 * 60 / 5 + 40);
  });

  it('waits for the time a 429 names before polling again', async () => {
    const polls: string[] = [];
    let once = true;
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      wrapProvider: (provider) => ({
        ...provider,
        async fetchStatusChanges() {
          polls.push(world.clock.now());
          if (once) {
            once = false;
            throw new TooManyRequests(oslo('2026-08-03T09:30').toUTC().toISO() as never);
          }
          return provider.fetchStatusChanges();
        },
      }),
    });
    await world.runUntil('2026-08-03T09:45', 1);
    expect(polls.map(osloTime).slice(0, 2)).toEqual(['2026-08-03T09:00', '2026-08-03T09:30']);
  });

  it.each([
    ['spring-forward', '2026-03-20T23:30', '2026-04-03T08:00', '2026-04-04T00:00'],
    ['fall-back', '2026-10-18T07:10', '2026-10-31T08:00', '2026-11-02T00:00'],
    ['an ordinary week', '2026-08-03T14:20', '2026-08-16T14:20', '2026-08-18T00:00'],
  ])('reminds each pending signer exactly once, the day before the deadline, outside 22–08 Oslo time (%s)', async (_name, start, expected, until) => {
    const world = simulatedWorld({ start, script: { 'WF-R': { laerling: 'no-response', 'faglig-leder': 'no-response', 'daglig-leder': 'signs' } } });
    const id = await world.register({ contractId: 'WF-R', startDate: '2026-12-01' });
    await world.runUntil(until, 10);
    const reminded = world.notifier.sent.map((s) => [s.role, osloTime(s.at)]);
    expect(reminded).toEqual([
      ['laerling', expected],
      ['faglig-leder', expected],
    ]);
    const events = await world.events(id);
    expect(events.filter((e) => e.type === 'ReminderSent')).toHaveLength(2);
    const order = (await world.state(id)).orders[0]!;
    for (const s of world.notifier.sent) {
      expect(s.at < order.deadline).toBe(true);
      const hour = toDateTime(s.at).hour;
      expect(hour >= 8 && hour < 22).toBe(true);
    }
    expect(order.status).toBe('expired');
  });

  it('a reminder gets a slow signer to sign before the deadline', async () => {
    const world = simulatedWorld({ start: '2026-08-03T10:00', script: { 'WF-S': { laerling: 'needs-reminder', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } } });
    const id = await world.register({ contractId: 'WF-S' });
    await world.runUntil('2026-08-18T10:00', 30, async () => (await world.state(id)).status === 'signed-electronically');
    const state = await world.state(id);
    expect(state.status).toBe('signed-electronically');
    expect(state.closedAt! > state.orders[0]!.remindAt!).toBe(true);
  });

  it('retries the archive at growing intervals until it answers', async () => {
    const world = simulatedWorld({ start: '2026-08-03T09:00', archiveFailures: 2, script: { 'WF-A': { laerling: 'signs', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } } });
    const id = await world.register({ contractId: 'WF-A' });
    await world.runUntil('2026-08-10T09:00', 5, async () => (await world.state(id)).followUp?.archive.done === true);
    const failures = (await world.events(id)).filter((e) => e.type === 'FollowUpFailed');
    expect(failures.map((e) => e.type === 'FollowUpFailed' && [e.data.step, e.data.attempt])).toEqual([['archive', 1], ['archive', 2]]);
    const [first, second] = failures.map((e) => Date.parse(e.data.at));
    const retries = failures.map((e) => (e.type === 'FollowUpFailed' ? Date.parse(e.data.retryAt!) : 0));
    expect((retries[0]! - first!) / 60_000).toBe(15);
    expect((retries[1]! - second!) / 60_000).toBe(60);
    expect(world.archive.stored).toHaveLength(1);
  });

  it('issues a new order by itself once a wrong mobile number is corrected, where the county wants that', async () => {
    const policy = { ...defaultPolicy, autoReissue: { enabled: true, maxOrders: 3 } };
    const world = simulatedWorld({ start: '2026-08-03T09:00', policy, script: { 'WF-M': { laerling: ['wrong-mobile', 'signs'], 'faglig-leder': 'signs', 'daglig-leder': 'signs' } } });
    const id = await world.register({ contractId: 'WF-M' });
    await world.runUntil('2026-08-06T09:00');
    await world.command(id, { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('48 00 00 99') } });
    await world.runUntil('2026-08-20T09:00', 30, async () => (await world.state(id)).status === 'signed-electronically');
    const state = await world.state(id);
    expect(state.orders.map((o) => [o.status, o.diagnosis ?? o.cancelReason])).toEqual([['cancelled', 'wrong-mobile'], ['completed', undefined]]);
    expect(state.status).toBe('signed-electronically');
  });

  it('cancels the job at the service when a correction ends its order, so nobody signs the old document', async () => {
    const world = simulatedWorld({ start: '2026-08-03T09:00', script: { 'WF-C': { laerling: 'no-response', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } } });
    const id = await world.register({ contractId: 'WF-C' });
    await world.runUntil('2026-08-04T09:00');
    await world.command(id, { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('48 00 00 98') } });
    await world.runUntil('2026-08-04T10:00');
    const state = await world.state(id);
    expect(state.orders[0]).toMatchObject({ status: 'cancelled', cancelReason: 'contact-correction', jobOpen: false });
    expect(world.simulated.job('WF-C/1' as OrderId)?.jobStatus).toBe('FAILED');
    expect((await world.events(id)).filter((e) => e.type === 'ProviderJobCancelled')).toMatchObject([{ data: { alreadyFinished: false } }]);
  });

  it('status changes delivered twice and out of order never produce duplicate events', async () => {
    const script = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`WF-D${n}`, { laerling: 'signs', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } as const]));
    const world = simulatedWorld({ start: '2026-08-03T09:00', duplicateChance: 0.6, script });
    const ids: ContractId[] = [];
    for (let n = 1; n <= 5; n++) ids.push(await world.register({ contractId: `WF-D${n}`, seed: n }));
    await world.runUntil('2026-08-10T09:00', 30);
    for (const id of ids) {
      const events = await world.events(id);
      const signed = events.filter((e) => e.type === 'SignerSigned').map((e) => (e.type === 'SignerSigned' ? e.data.role : ''));
      expect(new Set(signed).size).toBe(signed.length);
      expect(events.filter((e) => e.type === 'ContractSignedElectronically')).toHaveLength(1);
    }
  });

  it('a signature made two minutes before the deadline is recorded, though the service permits a poll only every ten minutes', async () => {
    // A Posten-like queue: after an empty poll the next is permitted ten minutes later. The runner
    // starts three minutes after the order, so its last empty poll before the deadline is at
    // deadline − 7 min and the next permitted one at deadline + 3 min; everyone signs at deadline − 2.
    let now = oslo('2026-08-03T09:00');
    const iso = () => now.toUTC().toISO() as Instant;
    const queue: StatusChange[] = [];
    let nextPollAt: Instant | undefined;
    const provider: SigningProvider = {
      name: 'posten-like',
      createJob: async (job) => ({ orderId: job.orderId, providerJobId: 'J1', created: true }),
      cancelJob: async () => undefined,
      async fetchStatusChanges() {
        if (nextPollAt !== undefined && iso() < nextPollAt) throw new TooManyRequests(nextPollAt);
        if (queue.length === 0) {
          nextPollAt = now.plus({ minutes: 10 }).toUTC().toISO() as Instant;
          return { changes: [], nextPollAt };
        }
        nextPollAt = undefined;
        return { changes: [queue[0]!], nextPollAt: undefined };
      },
      confirm: async () => {
        queue.shift();
      },
      fetchSignedDocument: async () => new Uint8Array(),
    };
    const store = getInMemoryEventStore();
    const registration = sampleRegistration({ contractId: 'WF-L' });
    await handle(store, registration.contractId, registration, { now });
    const order = (await handle(store, registration.contractId, { type: 'CreateOrder' }, { now })).state.orders[0]!;
    const runner = createWorkflowRunner({ store, provider, notifier: simulatedNotifier({ now: iso }), archive: simulatedArchive(), vigo: simulatedVigo() });
    const deadline = oslo(osloTime(order.deadline));
    now = now.plus({ minutes: 3 });
    for (; now < deadline.plus({ minutes: 60 }); now = now.plus({ minutes: 1 })) {
      if (queue.length === 0 && now.toMillis() === deadline.minus({ minutes: 2 }).toMillis()) {
        const since = iso();
        queue.push({
          orderId: order.orderId,
          providerJobId: 'J1',
          jobStatus: 'COMPLETED_SUCCESSFULLY',
          padesUrl: 'https://signering.example/pades',
          signers: order.signers.map((s, position) => ({ role: s.role, position, status: 'SIGNED', since })),
          confirmation: { provider: 'posten-like', token: 't' },
        });
      }
      await runner.runOnce(now);
    }
    const events = (await store.readStream(contractStreamName(registration.contractId))).events.map((e) => e.event);
    expect(events.filter((e) => e.type === 'Expired')).toEqual([]);
    expect(replay(events).status).toBe('signed-electronically');
  });

  it('expires an order whose signers never answered once the queue is empty after the grace period', async () => {
    const world = simulatedWorld({ start: '2026-08-03T09:00', script: { 'WF-E': { laerling: 'no-response', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } } });
    const id = await world.register({ contractId: 'WF-E' });
    await world.runUntil('2026-08-17T11:00', 15);
    const expired = (await world.events(id)).find((e) => e.type === 'Expired');
    // the service reports EXPIRED at the deadline itself; our clock would have waited until 09:30
    expect(expired).toMatchObject({ data: { at: (await world.state(id)).orders[0]!.deadline } });
  });

  it('a job the service made while the clerk changed the start date is cancelled there', async () => {
    let clerk: (() => Promise<unknown>) | undefined;
    const cancelled: string[] = [];
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      wrapProvider: (p) => ({
        ...p,
        fetchSignedDocument: p.fetchSignedDocument,
        async createJob(job) {
          const created = await p.createJob(job);
          await clerk?.(); // the clerk changes the start date while the upload is in flight
          clerk = undefined;
          return created;
        },
        async cancelJob(ref) {
          cancelled.push(ref.providerJobId);
          return p.cancelJob(ref);
        },
      }),
    });
    const id = await world.register({ contractId: 'WF-J' });
    clerk = () => world.command(id, { type: 'ChangeStartDate', startDate: '2026-10-01' as never });
    await world.runUntil('2026-08-04T09:00', 30);
    const order = (await world.state(id)).orders[0]!;
    expect(order).toMatchObject({ status: 'cancelled', cancelReason: 'start-date-changed', jobOpen: false });
    expect(cancelled).toEqual([world.simulated.job('WF-J/1' as OrderId)!.providerJobId]);
  });

  it('an error at the service on confirm does not stop the due work of the same run', async () => {
    let failConfirm = false;
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      script: { 'WF-F': { laerling: 'signs', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } },
      wrapProvider: (p) => ({
        ...p,
        fetchSignedDocument: p.fetchSignedDocument,
        async confirm(change) {
          if (failConfirm) throw new ProviderUnavailable(503);
          return p.confirm(change);
        },
      }),
    });
    await world.register({ contractId: 'WF-F' });
    failConfirm = true;
    const second = await world.register({ contractId: 'WF-G', seed: 2 });
    for (let i = 0; i < 48; i++) {
      await world.runner.runOnce(world.now()); // never throws
      world.clock.advanceBy({ minutes: 30 });
    }
    expect((await world.state(second)).orders[0]?.status).toBe('accepted');
  });
});

