import { findOrder, instantOf, type ContractId, type Instant, type OrderId } from '@fagsign/domain';
import { ProviderError } from '../provider/errors/provider-error.js';
import { TooManyRequests } from '../provider/errors/too-many-requests.js';
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
  readonly waiting?: 'not-yet-permitted' | 'provider-unavailable';
}

const contractOf = (orderId: OrderId): ContractId => orderId.slice(0, orderId.lastIndexOf('/')) as ContractId;

/**
 * Fetches status changes until the queue is empty or the service asks us to wait: each change's
 * facts are appended first and the change confirmed only then, so a crash in between costs a
 * redelivered change (a duplicate the decider ignores), never a lost signature.
 */
export const poll = async (step: Step, state: PollState, maxChanges = 10_000): Promise<PollReport> => {
  const at = instantOf(step.now);
  let changes = 0;
  let events = 0;
  while (changes < maxChanges) {
    if (state.nextPollAt !== undefined && at < state.nextPollAt) return { changes, events, ...(changes === 0 ? { waiting: 'not-yet-permitted' as const } : {}) };
    let batch;
    try {
      batch = await step.provider.fetchStatusChanges();
    } catch (error) {
      if (error instanceof TooManyRequests && error.retryAfter !== undefined) {
        state.nextPollAt = error.retryAfter;
        return { changes, events, waiting: 'not-yet-permitted' };
      }
      if (error instanceof ProviderError && error.transient) {
        step.log({ at, step: 'poll', outcome: 'failed', code: error.code });
        return { changes, events, waiting: 'provider-unavailable' };
      }
      throw error;
    }
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
        if (!(error instanceof ProviderError)) throw error;
        step.log({ at, step: 'confirm', outcome: 'failed', ...(change.orderId === undefined ? {} : { orderId: change.orderId }), code: error.code });
        return { changes, events, waiting: 'provider-unavailable' };
      }
      changes++;
    }
  }
  return { changes, events };
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
