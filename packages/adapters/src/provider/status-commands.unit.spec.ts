import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { right } from 'fp-ts/lib/Either.js';
import { DateTime } from 'luxon';
import { registerContractArb } from '@fagsign/domain/testing';
import {
  currentOrder,
  decide,
  decideOrThrow,
  findOrder,
  partyRoles,
  preflightCodes,
  replay,
  type ContractCommand,
  type ContractState,
  type Instant,
  type OrderState,
  type PartyRole,
} from '@fagsign/domain';
import { commandsForStatusChange } from './status-commands.js';
import type { SignerReport, StatusChange } from './signing-provider.js';
import { contractWithOrder } from './testing/orders.js';
import { drain, testJob } from './testing/jobs.js';
import { manualClock } from './simulated/clock.js';
import { createSimulatedProvider } from './simulated/simulated-provider.js';
import { JobAlreadyFinished } from './errors/job-already-finished.js';

const since = '2026-08-05T10:15:00.000Z' as Instant;
const base = contractWithOrder(fc.sample(registerContractArb(), { seed: 11, numRuns: 1 })[0]!, '2026-08-03T09:00:00.000Z');
const order: OrderState = { ...base.order, status: 'accepted', providerJobId: '42' };
const [first, second] = order.signers.map((s) => s.role) as [PartyRole, PartyRole];

const change = (jobStatus: string, ...signers: [PartyRole | undefined, string][]): StatusChange => ({
  orderId: order.orderId,
  providerJobId: '42',
  jobStatus,
  signers: signers.map(([role, status], position): SignerReport => ({ role, status, since, position })),
  confirmation: { provider: 'test', token: 't' },
});

describe('commandsForStatusChange', () => {
  it('records a signature with the time the service gives', () => {
    const { commands, unrecognised } = commandsForStatusChange(change('IN_PROGRESS', [first, 'SIGNED'], [second, 'WAITING']), order);
    expect(commands).toEqual([{ type: 'RecordSignerSigned', orderId: order.orderId, role: first, signedAt: since }]);
    expect(unrecognised).toEqual([]);
  });

  it('gives the signatures of a completed job the signed document link, and no other', () => {
    const done = { ...change('COMPLETED_SUCCESSFULLY', [first, 'SIGNED'], [second, 'SIGNED']), padesUrl: 'https://x/1/pades' };
    const { commands } = commandsForStatusChange(done, order);
    expect(commands.map((c) => (c as { signedDocument?: string }).signedDocument)).toEqual(['https://x/1/pades', 'https://x/1/pades']);
    const partial = { ...change('IN_PROGRESS', [first, 'SIGNED']), padesUrl: 'https://x/1/pades' };
    expect(commandsForStatusChange(partial, order).commands[0]).not.toHaveProperty('signedDocument');
  });

  it.each([
    ['REJECTED', 'rejected'],
    ['RESERVED', 'reserved'],
    ['BLOCKED', 'blocked'],
    ['CONTACT_INFORMATION_MISSING', 'contact-information-missing'],
    ['SIGNERS_NAME_NOT_AVAILABLE', 'name-not-available'],
  ] as const)('maps a signer %s to the failure cause %s, from the provider', (status, cause) => {
    const { commands } = commandsForStatusChange(change('FAILED', [first, status], [second, 'NOT_APPLICABLE']), order);
    expect(commands).toEqual([
      { type: 'RecordSignerFailed', orderId: order.orderId, role: first, cause, source: 'provider', providerStatus: status, failedAt: since },
    ]);
  });

  it('expires the order when the service says EXPIRED, keeping signatures made before', () => {
    const { commands } = commandsForStatusChange(change('FAILED', [first, 'SIGNED'], [second, 'EXPIRED']), order);
    expect(commands.map((c) => c.type)).toEqual(['RecordSignerSigned', 'ExpireOrder']);
    expect(commands[1]).toEqual({ type: 'ExpireOrder', orderId: order.orderId, reportedByProvider: true, expiredAt: since });
  });

  it('dates the expiry at the earliest EXPIRED time, counting a signer it could not match', () => {
    const at = (iso: string) => iso as Instant;
    const expiredLate: StatusChange = {
      ...change('FAILED'),
      signers: [
        { role: first, status: 'EXPIRED', since: at('2026-08-17T09:00:00.000Z'), position: 0 },
        { role: second, status: 'EXPIRED', since: at('2026-08-17T08:59:59.000Z'), position: 1 },
        { role: undefined, status: 'EXPIRED', since: at('2026-08-17T09:30:00.000Z'), position: 2 },
      ],
    };
    expect(commandsForStatusChange(expiredLate, order).commands).toEqual([
      { type: 'ExpireOrder', orderId: order.orderId, reportedByProvider: true, expiredAt: '2026-08-17T08:59:59.000Z' },
    ]);
    const unmatchedFirst: StatusChange = {
      ...expiredLate,
      signers: [
        { role: first, status: 'SIGNED', since: at('2026-08-04T09:00:00.000Z'), position: 0 },
        { role: undefined, status: 'EXPIRED', since: at('2026-08-16T22:00:00.000Z'), position: 1 },
        { role: second, status: 'EXPIRED', since: at('2026-08-17T08:00:00.000Z'), position: 2 },
      ],
    };
    expect(commandsForStatusChange(unmatchedFirst, order).commands.at(-1)).toEqual({
      type: 'ExpireOrder', orderId: order.orderId, reportedByProvider: true, expiredAt: '2026-08-16T22:00:00.000Z',
    });
  });

  it('lets the decider date the expiry when the service said, not when we polled', () => {
    const accepted = replay(decideOrThrow({ type: 'RecordOrderAccepted', orderId: order.orderId, providerJobId: '42' }, base.state, { now: DateTime.fromISO(since) }), base.state);
    const polledLater = { now: DateTime.fromISO('2026-08-07T12:00:00.000Z') };
    const [command] = commandsForStatusChange(change('FAILED', [first, 'EXPIRED'], [second, 'EXPIRED']), currentOrder(accepted)!).commands;
    const events = decideOrThrow(command!, accepted, polledLater);
    expect(events).toMatchObject([{ type: 'Expired', data: { orderId: order.orderId, at: since, reportedByProvider: true } }]);
  });

  it('cancels the order as cancelled at the provider when the service says CANCELLED', () => {
    const { commands } = commandsForStatusChange(change('FAILED', [first, 'CANCELLED'], [second, 'CANCELLED']), order);
    expect(commands).toEqual([{ type: 'CancelOrder', orderId: order.orderId, reason: 'cancelled-at-provider' }]);
  });

  it('gives nothing for WAITING and NOT_APPLICABLE', () => {
    expect(commandsForStatusChange(change('IN_PROGRESS', [first, 'WAITING'], [second, 'NOT_APPLICABLE']), order)).toEqual({ commands: [], unrecognised: [] });
  });

  it('fails the order with cause other when the job failed and no signer says why', () => {
    const { commands } = commandsForStatusChange(change('FAILED', [first, 'WAITING'], [second, 'NOT_APPLICABLE']), order);
    expect(commands).toEqual([{ type: 'RecordOrderFailed', orderId: order.orderId, cause: 'other' }]);
  });

  it('surfaces unknown statuses and unmatched signers without a command and without anything but A-Z_', () => {
    const { commands, unrecognised } = commandsForStatusChange(
      change('PAUSED', [first, 'ON_HOLD'], [undefined, 'SIGNED'], ['fylkeskommune' === first ? 'foresatt' : 'fylkeskommune', 'SIGNED'], [second, 'ola@x.no 12345678910']),
      order,
    );
    expect(commands).toEqual([]);
    expect(unrecognised).toEqual([
      { reason: 'unknown-signer-status', status: 'ON_HOLD', role: first, position: 0 },
      { reason: 'unmatched-signer', status: 'SIGNED', position: 1 },
      { reason: 'signer-not-in-order', status: 'SIGNED', role: expect.any(String), position: 2 },
      { reason: 'unknown-signer-status', status: '?', role: second, position: 3 },
      { reason: 'unknown-job-status', status: 'PAUSED' },
    ]);
  });

  it('records the acceptance first when the order has no job id yet (a crash after creating the job)', () => {
    const notYetAccepted: OrderState = { ...order, status: 'created', providerJobId: undefined };
    const { commands } = commandsForStatusChange(change('IN_PROGRESS', [first, 'SIGNED']), notYetAccepted);
    expect(commands.map((c) => c.type)).toEqual(['RecordOrderAccepted', 'RecordSignerSigned']);
    expect(commands[0]).toEqual({ type: 'RecordOrderAccepted', orderId: order.orderId, providerJobId: '42' });
  });

  it('ignores a change from another job for the same order, and a change for another order', () => {
    expect(commandsForStatusChange({ ...change('COMPLETED_SUCCESSFULLY', [first, 'SIGNED']), providerJobId: '43' }, order)).toEqual({
      commands: [],
      unrecognised: [{ reason: 'other-job' }],
    });
    expect(commandsForStatusChange({ ...change('IN_PROGRESS', [first, 'SIGNED']), orderId: 'X-1/1' as never }, order).commands).toEqual([]);
  });
});

describe('the status change that reports our own cancellation of a job, through the real decider', () => {
  const start = '2026-08-03T07:00:00.000Z' as Instant;
  const acceptEverything = preflightCodes.flatMap((code) => [...partyRoles, undefined].map((role) => ({ code, reason: 'Test', by: 'test', ...(role ? { role } : {}) })));

  /** An order at the simulated service with its first signer signed, then ended by staff; the job still runs. */
  const endedByUs = async () => {
    const clock = manualClock(start);
    const provider = createSimulatedProvider({ seed: 5, now: clock.now, polling: { afterEmptySeconds: 0 }, script: ({ role }) => (role === order0.signers[0]!.role ? { kind: 'signs', afterHours: 1 } : 'no-response') });
    const job = testJob(start);
    const order0 = job.order;
    let state: ContractState = job.state;
    const context = () => ({ now: DateTime.fromISO(clock.now()) });
    const apply = (command: ContractCommand) => {
      state = replay(decideOrThrow(command, state, context()), state);
    };
    /** What the runner does with each change: the commands for the change's order, through the decider. */
    const recordChanges = async () => {
      for (const change of await drain(provider)) {
        for (const command of commandsForStatusChange(change, findOrder(state, change.orderId!)!).commands) apply(command);
      }
    };
    const ref = await provider.createJob(job.request);
    apply({ type: 'RecordOrderAccepted', orderId: ref.orderId, providerJobId: ref.providerJobId });
    clock.advanceBy({ days: 1 });
    await recordChanges();
    expect(findOrder(state, ref.orderId)!.signers.filter((s) => s.status === 'signed')).toHaveLength(1);
    apply({ type: 'CancelOrder', orderId: ref.orderId, reason: 'staff-decision' });
    expect(findOrder(state, ref.orderId)).toMatchObject({ status: 'cancelled', cancelReason: 'staff-decision', jobOpen: true });
    return { clock, provider, ref, get state() { return state; }, apply, context };
  };

  /** The changes the service queued after our cancel, and every command they map to, each decided against the state. */
  const decideQueued = async (world: Awaited<ReturnType<typeof endedByUs>>) => {
    const changes = await drain(world.provider);
    expect(changes).not.toHaveLength(0);
    const last = changes[changes.length - 1]!;
    expect(last.jobStatus).toBe('FAILED');
    // The signer who signed before we cancelled stays SIGNED; everyone else is CANCELLED.
    expect(last.signers.filter((s) => s.status === 'SIGNED')).toHaveLength(1);
    expect(last.signers.filter((s) => s.status !== 'SIGNED').every((s) => s.status === 'CANCELLED')).toBe(true);
    const commands = changes.flatMap((change) => commandsForStatusChange(change, findOrder(world.state, change.orderId!)!).commands);
    return { commands, decisions: commands.map((command) => decide(command, world.state, world.context())) };
  };

  it('maps to CancelOrder cancelled-at-provider, which changes nothing once the runner recorded the job cancelled', async () => {
    const world = await endedByUs();
    await world.provider.cancelJob(world.ref);
    world.apply({ type: 'RecordJobCancelled', orderId: world.ref.orderId });
    expect(findOrder(world.state, world.ref.orderId)!.jobOpen).toBe(false);
    world.clock.advanceBy({ minutes: 15 });
    const { commands, decisions } = await decideQueued(world);
    expect(commands.map((c) => c.type)).toEqual(['RecordSignerSigned', 'CancelOrder']);
    expect(commands[1]).toEqual({ type: 'CancelOrder', orderId: world.ref.orderId, reason: 'cancelled-at-provider' });
    // The order stays cancelled by staff (the reason a report shows), and nothing new is recorded.
    for (const decision of decisions) expect(decision).toEqual(right([]));
  });

  it('changes nothing when it arrives before the cancel was recorded either; the repeated cancel then closes the job', async () => {
    const world = await endedByUs();
    await world.provider.cancelJob(world.ref); // and the runner stopped before recording it
    world.clock.advanceBy({ minutes: 15 });
    const { decisions } = await decideQueued(world);
    for (const decision of decisions) expect(decision).toEqual(right([]));
    expect(findOrder(world.state, world.ref.orderId)).toMatchObject({ status: 'cancelled', cancelReason: 'staff-decision', jobOpen: true });
    // The runner's next tick cancels again: the service says the job had ended.
    await expect(world.provider.cancelJob(world.ref)).rejects.toBeInstanceOf(JobAlreadyFinished);
    world.apply({ type: 'RecordJobCancelled', orderId: world.ref.orderId, alreadyFinished: true });
    expect(findOrder(world.state, world.ref.orderId)).toMatchObject({ status: 'cancelled', cancelReason: 'staff-decision', jobOpen: false });
  });

  it('does not touch the order that replaced the ended one', async () => {
    const world = await endedByUs();
    world.apply({ type: 'CreateOrder', overrides: acceptEverything });
    const replacement = currentOrder(world.state)!;
    expect(replacement.orderId).not.toBe(world.ref.orderId);
    await world.provider.cancelJob(world.ref);
    world.apply({ type: 'RecordJobCancelled', orderId: world.ref.orderId });
    world.clock.advanceBy({ minutes: 15 });
    const { commands, decisions } = await decideQueued(world);
    expect(commands.every((c) => c.orderId === world.ref.orderId)).toBe(true);
    for (const decision of decisions) expect(decision).toEqual(right([]));
    expect(currentOrder(world.state)).toEqual(replacement);
  });

  it('changes nothing either if the service reported the cancelled job as FAILED with no signer CANCELLED', async () => {
    const world = await endedByUs();
    world.apply({ type: 'RecordJobCancelled', orderId: world.ref.orderId });
    const failedOnly: StatusChange = {
      orderId: world.ref.orderId,
      providerJobId: world.ref.providerJobId,
      jobStatus: 'FAILED',
      signers: findOrder(world.state, world.ref.orderId)!.signers.map((s, position) => ({ role: s.role, status: s.status === 'signed' ? 'SIGNED' : 'NOT_APPLICABLE', since: world.clock.now(), position })),
      confirmation: { provider: 'test', token: 't' },
    };
    const { commands } = commandsForStatusChange(failedOnly, findOrder(world.state, world.ref.orderId)!);
    expect(commands.map((c) => c.type)).toEqual(['RecordSignerSigned', 'RecordOrderFailed']);
    for (const command of commands) expect(decide(command, world.state, world.context())).toEqual(right([]));
  });
});
