import { findOrder, instantOf, type ContractId, type Instant, type OrderId } from '@fagsign/domain';
import { classifyFault } from './failure-policy.js';
import { followUp } from './follow-up.js';
import { commandsForStatusChange } from '../provider/status-commands.js';
import type { StatusChange } from '../provider/signing-provider.js';
import { record, type Step } from './runner-context.js';
import { StoredEventUnreadable } from '../store/errors.js';

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
  /** Completing changes left unconfirmed because their signed document is not stored yet (they come back). */
  readonly held?: number;
  /** Why nothing was fetched, when nothing was. */
  /** `paused`: a fault of the sender or our own side (see the runner's `status().degraded`). */
  readonly waiting?: 'not-yet-permitted' | 'provider-unavailable' | 'paused';
}

const contractOf = (orderId: OrderId): ContractId => orderId.slice(0, orderId.lastIndexOf('/')) as ContractId;

/**
 * Fetches status changes until the queue is empty or the service asks us to wait: each change's
 * facts are appended first, the signed document of a completing change is stored next, and the
 * change confirmed only then, so a crash in between costs a redelivered change (a duplicate the
 * decider ignores), never a lost signature or a lost signed contract.
 */
export const poll = async (step: Step, state: PollState, onPolled: (at: Instant) => void, maxChanges = 10_000): Promise<PollReport> => {
  const at = instantOf(step.now);
  let changes = 0;
  let events = 0;
  const held = new Set<string>();
  const report = (waiting?: PollReport['waiting']): PollReport => ({ changes, events, ...(held.size > 0 ? { held: held.size } : {}), ...(waiting ? { waiting } : {}) });
  while (changes < maxChanges) {
    if (state.nextPollAt !== undefined && at < state.nextPollAt) return report(changes === 0 ? 'not-yet-permitted' : undefined);
    let batch;
    try {
      batch = await step.provider.fetchStatusChanges();
    } catch (error) {
      return report(pollFailed(step, state, error));
    }
    onPolled(at);
    step.pass.succeeded('poll');
    state.nextPollAt = batch.nextPollAt;
    if (batch.changes.length === 0) {
      state.drainedAt = at;
      return report();
    }
    for (const change of batch.changes) {
      // A change held back in this poll, delivered again at once: wait for the next run.
      if (held.has(change.providerJobId)) return report();
      if (!(await readable(step, change))) {
        // Its contract is set aside (quarantined): leave the change unconfirmed, so the service keeps
        // it until the stream is repaired, and go on with the other contracts' changes.
        step.log({ at, step: 'status-change', outcome: 'skipped', ...(change.orderId === undefined ? {} : { orderId: change.orderId }), code: 'quarantined' });
        held.add(change.providerJobId);
        continue;
      }
      events += await apply(step, change);
      if (!(await signedDocumentStored(step, change))) {
        held.add(change.providerJobId);
        continue;
      }
      try {
        await step.provider.confirm(change);
      } catch (error) {
        // The facts are recorded; the change comes back later and is then a duplicate. Stop polling
        // for this run, but let the run go on to the due work.
        return report(pollFailed(step, state, error, change.orderId));
      }
      changes++;
    }
  }
  return report();
};

/**
 * Download, then confirm. The service may drop a job's documents once its final status is
 * confirmed, so the signed PDF of the change that completed the contract is fetched and handed to
 * the archive (recorded as SignedDocumentArchived) before the change is confirmed. Until then the
 * change stays unconfirmed and comes back; the archive step is tried when its follow-up is due (here
 * or in the due work, on one schedule). Any other change needs nothing stored.
 */
const signedDocumentStored = async (step: Step, change: StatusChange): Promise<boolean> => {
  if (change.jobStatus !== 'COMPLETED_SUCCESSFULLY' || change.orderId === undefined) return true;
  const contractId = contractOf(change.orderId);
  const state = step.index.get(contractId) ?? (await step.index.refresh(contractId));
  const archive = state.followUp?.archive;
  if (state.status !== 'signed-electronically' || findOrder(state, change.orderId)?.status !== 'completed' || archive === undefined) return true;
  if (archive.done) return true;
  if (archive.retryAt === null || archive.retryAt > instantOf(step.now)) return false;
  return followUp(step, contractId, state, 'archive', { followUps: 0, followUpFailures: 0, ourFaults: 0 });
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

/** False when the change's contract is quarantined, or turns out to be when its stream is read now. */
const readable = async (step: Step, change: StatusChange): Promise<boolean> => {
  if (change.orderId === undefined) return true;
  const contractId = contractOf(change.orderId);
  if (step.index.isQuarantined(contractId)) return false;
  if (step.index.get(contractId) !== undefined) return true;
  try {
    await step.index.refresh(contractId);
    return true;
  } catch (error) {
    if (error instanceof StoredEventUnreadable) return false; // refresh has set it aside
    throw error;
  }
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
