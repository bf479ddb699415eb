import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { sampleRegistration } from '../testing/index.js';
import { decide } from './decide.js';
import type { ContractCommand } from './commands.js';
import type { ContractEvent } from './events.js';
import { InvalidCommand } from './errors.js';
import { replay } from './replay.js';
import { dueActions } from '../policy/due-actions.js';
import { defaultPolicy } from '../policy/signing-policy.js';
import type { OrderId } from '../model/contract-id.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' });
const orderId = 'UP-1/1' as OrderId;

const run = (events: ContractEvent[], local: string, command: ContractCommand) => decide(command, replay(events), { now: oslo(local) });
const history = (...steps: [string, ContractCommand][]): ContractEvent[] =>
  steps.reduce<ContractEvent[]>((events, [local, command]) => {
    const decision = run(events, local, command);
    if (decision._tag === 'Left') throw decision.left;
    return [...events, ...decision.right];
  }, []);

const uncertain = history(
  ['2026-08-03T09:00', sampleRegistration({ contractId: 'UP-1' })],
  ['2026-08-03T09:00', { type: 'CreateOrder' }],
  ['2026-08-03T09:01', { type: 'RecordSubmissionUncertain', orderId }],
);

describe('an upload whose answer was lost', () => {
  it('makes the order wait: no upload is due, and a provider error is not recorded on it', () => {
    const state = replay(uncertain);
    expect(state.orders[0]).toMatchObject({ status: 'created', submission: { upload: 1 } });
    expect(dueActions(state, oslo('2026-08-04T10:00'), defaultPolicy).map((a) => a.kind)).toEqual([]);
    expect(run(uncertain, '2026-08-03T10:00', { type: 'RecordProviderError', orderId, code: 'http-400', transient: false })).toEqual({ _tag: 'Right', right: [] });
    expect(run(uncertain, '2026-08-03T10:00', { type: 'RecordSubmissionUncertain', orderId })).toEqual({ _tag: 'Right', right: [] });
  });

  it('waits past the deadline for the grace period, like an order out at the service', () => {
    const deadline = replay(uncertain).orders[0]!.deadline;
    const at = DateTime.fromISO(deadline).plus({ minutes: 1 });
    expect(dueActions(replay(uncertain), at, defaultPolicy)).toEqual([]);
    expect(dueActions(replay(uncertain), at.plus({ minutes: defaultPolicy.expiryGraceMinutes }), defaultPolicy).map((a) => a.kind)).toEqual(['expire-order']);
  });

  it('is adopted when the job turns up in the status queue', () => {
    const events = [...uncertain, ...history()];
    const decision = run(events, '2026-08-03T12:00', { type: 'RecordOrderAccepted', orderId, providerJobId: 'job-7' });
    expect(decision._tag === 'Right' && decision.right.map((e) => e.type)).toEqual(['OrderAccepted']);
    const state = replay([...events, ...(decision._tag === 'Right' ? decision.right : [])]);
    expect(state.orders[0]).toMatchObject({ status: 'accepted', providerJobId: 'job-7', submission: { uncertainSince: undefined } });
  });

  it('a person who found the job at the service adopts it by hand', () => {
    const decision = run(uncertain, '2026-08-04T09:00', { type: 'ResolveUncertainSubmission', orderId, outcome: 'job-found', providerJobId: 'job-7', by: 'saksbehandler-1' });
    expect(decision._tag).toBe('Right');
    const events = decision._tag === 'Right' ? decision.right : [];
    expect(events.map((e) => e.type)).toEqual(['UncertainSubmissionResolved', 'OrderAccepted']);
    expect(replay([...uncertain, ...events]).orders[0]).toMatchObject({ status: 'accepted', providerJobId: 'job-7', jobOpen: true });
  });

  it('a person who found no job lets the runner upload again, as the order\'s second upload', () => {
    const events = [...uncertain, ...history()];
    const decision = run(events, '2026-08-04T09:00', { type: 'ResolveUncertainSubmission', orderId, outcome: 'no-job', by: 'saksbehandler-1' });
    const resolved = [...events, ...(decision._tag === 'Right' ? decision.right : [])];
    const state = replay(resolved);
    expect(state.orders[0]).toMatchObject({ status: 'created', submission: { uncertainSince: undefined, upload: 2 } });
    expect(dueActions(state, oslo('2026-08-04T09:01'), defaultPolicy).map((a) => a.kind)).toEqual(['submit-order']);
  });

  it('a report of the first upload that comes again after a person found no job changes nothing; the second upload\'s own loss is recorded', () => {
    const resolved = history(
      ['2026-08-03T09:00', sampleRegistration({ contractId: 'UP-1' })],
      ['2026-08-03T09:00', { type: 'CreateOrder' }],
      ['2026-08-03T09:01', { type: 'RecordSubmissionUncertain', orderId, upload: 1 }],
      ['2026-08-04T09:00', { type: 'ResolveUncertainSubmission', orderId, outcome: 'no-job', by: 'saksbehandler-1' }],
    );
    expect(run(resolved, '2026-08-04T09:05', { type: 'RecordSubmissionUncertain', orderId, upload: 1 })).toEqual({ _tag: 'Right', right: [] });
    const second = run(resolved, '2026-08-04T09:05', { type: 'RecordSubmissionUncertain', orderId, upload: 2 });
    expect(second._tag === 'Right' && second.right.map((e) => e.type)).toEqual(['SubmissionUncertain']);
  });

  it('a job found for an order that ended meanwhile is recorded so that it is cancelled at the service; the order stays ended', () => {
    const cancelled = [...uncertain, ...history()];
    const cancel = run(cancelled, '2026-08-03T11:00', { type: 'CancelOrder', orderId, reason: 'staff-decision' });
    const ended = [...cancelled, ...(cancel._tag === 'Right' ? cancel.right : [])];
    const decision = run(ended, '2026-08-04T09:00', { type: 'ResolveUncertainSubmission', orderId, outcome: 'job-found', providerJobId: 'job-7', by: 'saksbehandler-1' });
    const state = replay([...ended, ...(decision._tag === 'Right' ? decision.right : [])]);
    expect(state.orders[0]).toMatchObject({ status: 'cancelled', providerJobId: 'job-7', jobOpen: true });
    expect(dueActions(state, oslo('2026-08-04T09:01'), defaultPolicy).map((a) => a.kind)).toEqual(['cancel-job']);
  });

  it('refuses a resolution without a name, without the job id found, or for an order whose upload is not in doubt', () => {
    const refusal = (events: ContractEvent[], command: ContractCommand) => {
      const decision = run(events, '2026-08-04T09:00', command);
      return decision._tag === 'Left' && decision.left instanceof InvalidCommand ? decision.left.violations.map((v) => v.path) : decision;
    };
    expect(refusal(uncertain, { type: 'ResolveUncertainSubmission', orderId, outcome: 'no-job', by: ' ' })).toEqual(['by']);
    expect(refusal(uncertain, { type: 'ResolveUncertainSubmission', orderId, outcome: 'job-found', by: 'saksbehandler-1' })).toEqual(['providerJobId']);
    expect(refusal(uncertain.slice(0, 2), { type: 'ResolveUncertainSubmission', orderId, outcome: 'no-job', by: 'saksbehandler-1' })).toEqual(['orderId']);
  });
});
