import { findOrder, instantOf, type ContractId, type Instant, type OrderId } from '@fagsign/domain';
import { classifyFault } from './failure-policy.js';
import { commandsForStatusChange } from '../provider/status-commands.js';
import type { StatusChange } from '../provider/signing-provider.js';
import { record, type Step } from './runner-context.js';

export interface PollState {
  /** Not before this time: the service's `X-Next-permitted-poll-time`, or our own back-off. */
  nextPollAt: Instant | undefined;
  /**
   * The last time a poll found the queue empty: every change the service had made by then is
   * recorded. Our clock expires an order out at the service only after such a poll (due-work.ts).
   */
  drainedAt: Instant | undefined;
}

export interface PollReport {
  readonly changes: number;
  readonly events: number;
  /** Why nothing was fetched, when nothing was. */
  /** `paused`: a fault of the sender or our own side (see the runner's `status().degraded`). */
  readonly waiting?: 'not-yet-permitted' | 'provider-unavailable' | 'paused';
}

const contractOf = (orderId: OrderId): ContractId => orderId.slice(0, orderId.lastIndexOf('/')) as ContractId;

/**
 * Fetches status changes until the queue is empty or the service asks us to wait: each change's
 * facts are appended first and the change confirmed only then, so a crash in between costs a
 * redelivered change (a duplicate the decider ignores), never a lost signature.
 */
export const poll = async (step: Step, state: PollState, onPolled: (at: Instant) => void, maxChanges = 10_000): Promise<PollReport> => {
  const at = instantOf(step.now);
  let changes = 0;
  let events = 0;
  while (changes < maxChanges) {
    if (state.nextPollAt !== undefined && at < state.nextPollAt) return { changes, events, ...(changes === 0 ? { waiting: 'not-yet-permitted' as const } : {}) };
    let batch;
    try {
      batch = await step.provider.fetchStatusChanges();
    } catch (error) {
      return { changes, events, waiting: pollFailed(step, state, error) };
    }
    onPolled(at);
    step.pass.succeeded('poll');
    state.nextPollAt = batch.nextPollAt;
    if (batch.changes.length === 0) {
      state.drainedAt = at;
      return { changes, events };
    }
    for (const change of batch.changes) {
      events += await apply(step, change);
      try {
        await step.provider.confirm(change);
      } catch (error) {
        // The facts are recorded; the change comes back later and is then a duplicate. Stop polling
        // for this run, but let the run go on to the due work.
        return { changes, events, waiting: pollFailed(step, state, error, change.orderId) };
      }
      changes++;
    }
  }
  return { changes, events };
};

/** A failed fetch or confirm, by the failure policy: wait for the permitted time, the next run, or a fix on our side. */
const pollFailed = (step: Step, state: PollState, error: unknown, orderId?: OrderId): NonNullable<PollReport['waiting']> => {
  const fault = classifyFault(error, 'poll', 'provider');
  if (fault.outcome === 'transient' && fault.retryAfter !== undefined) {
    state.nextPollAt = fault.retryAfter;
    return 'not-yet-permitted';
  }
  step.log({ at: instantOf(step.now), step: 'poll', outcome: 'failed', ...(orderId === undefined ? {} : { orderId }), code: fault.code });
  if (fault.outcome === 'sender' || fault.outcome === 'internal') {
    step.pass.fault('poll', fault);
    return 'paused';
  }
  return 'provider-unavailable';
};

const apply = async (step: Step, change: StatusChange): Promise<number> => {
  const at = instantOf(step.now);
  if (change.orderId === undefined) {
    step.log({ at, step: 'status-change', outcome: 'skipped', code: 'not-our-job' });
    return 0;
  }
  const contractId = contractOf(change.orderId);
  const state = step.index.get(contractId) ?? (await step.index.refresh(contractId));
  const order = findOrder(state, change.orderId);
  if (order === undefined) {
    step.log({ at, step: 'status-change', outcome: 'skipped', contractId, orderId: change.orderId, code: 'unknown-order' });
    return 0;
  }
  const outcome = commandsForStatusChange(change, order);
  for (const u of outcome.unrecognised) {
    step.log({ at, step: 'status-change', outcome: 'skipped', contractId, orderId: order.orderId, code: u.reason, ...('role' in u && u.role ? { role: u.role } : {}) });
  }
  let recorded = 0;
  for (const command of outcome.commands) {
    const events = await record(step, contractId, command);
    recorded += events?.length ?? 0;
  }
  return recorded;
};
