import { left, right } from 'fp-ts/lib/Either.js';
import { orderIdFor } from '../model/contract-id.js';
import { osloDate } from '../model/time.js';
import { deadlineFor, isQuietHour, outsideQuietHours, reminderTime } from '../policy/deadlines.js';
import { instantOf } from '../model/time.js';
import { blockingProblems, preflight, type PreflightProblem } from '../policy/preflight.js';
import { signersFor } from '../policy/signers.js';
import type { CancelOrder, CreateOrder, ExpireOrder, RecordJobCancelled, RecordReminderSent } from './commands.js';
import { ContractClosed, DeadlineNotReached, DeadlinePassed, InvalidCommand, OrderAlreadyActive, PreflightBlocked, QuietHours } from './errors.js';
import { event, type ContractEvent, type PreflightOverride } from './events.js';
import { activeOrder, activeOrderStatuses, currentOrder, isClosed } from './state.js';
import { isLive, nothing, nowOf, withOrder, withSigner, type Decision, type Registered } from './decision.js';
import type { Violation } from '../model/codec-kit.js';

const covers = (override: PreflightOverride, problem: PreflightProblem): boolean =>
  override.code === problem.code && (override.role === undefined || override.role === problem.role);

const overrideViolations = (overrides: readonly PreflightOverride[]): Violation[] =>
  overrides.flatMap((o, i) => [
    ...(o.reason.trim() === '' ? [{ path: `overrides[${i}].reason`, rule: 'must say why the problem is accepted' }] : []),
    ...(o.by.trim() === '' ? [{ path: `overrides[${i}].by`, rule: 'must name the person who accepts the problem' }] : []),
  ]);

/**
 * Creates the contract's next order. The pre-flight check runs first: every blocking problem must
 * be overridden by a named person with a reason, and the overrides that were needed go into the
 * event. A new order after a failed, expired or cancelled one is announced by `Resigned`.
 */
export const decideCreateOrder = (command: CreateOrder, r: Registered): Decision => {
  const active = activeOrder(r.state);
  if (active !== undefined) return left(new OrderAlreadyActive(active.orderId));

  const validityDays = command.validityDays ?? r.policy.validityDays;
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > 90) {
    return left(new InvalidCommand([{ path: 'validityDays', rule: 'must be a whole number of days from 1 to 90' }]));
  }
  const overrides = command.overrides ?? [];
  const badOverrides = overrideViolations(overrides);
  if (badOverrides.length > 0) return left(new InvalidCommand(badOverrides));

  const problems = preflight(r.contract, r.policy, r.now);
  const blocking = blockingProblems(problems);
  const uncovered = blocking.filter((p) => !overrides.some((o) => covers(o, p)));
  if (uncovered.length > 0) return left(new PreflightBlocked(problems, uncovered));
  const usedOverrides = overrides.filter((o) => blocking.some((p) => covers(o, p)));

  const signers = signersFor(r.contract, r.policy, osloDate(r.now));
  if (signers.length === 0) return left(new InvalidCommand([{ path: 'parties', rule: 'must include at least one signer' }]));

  const contractId = r.contract.contractId;
  const at = nowOf(r);
  const attempt = r.state.orders.length + 1;
  const orderId = orderIdFor(contractId, attempt);
  const deadline = deadlineFor(r.now, validityDays);
  const events: ContractEvent[] = [];
  const previous = currentOrder(r.state);
  if (previous !== undefined && (previous.status === 'failed' || previous.status === 'expired' || previous.status === 'cancelled')) {
    events.push(event('Resigned', { contractId, at, orderId, previousOrderId: previous.orderId, previousOutcome: previous.status }));
  }
  events.push(
    event('OrderCreated', {
      contractId,
      at,
      orderId,
      attempt,
      validityDays,
      deadline,
      remindAt: reminderTime(at, deadline, r.policy),
      signers,
      overrides: usedOverrides,
    }),
  );
  return right(events);
};

/** Cancelling an order that already ended changes nothing; so does a second cancel. */
export const decideCancel = (command: CancelOrder, r: Registered): Decision =>
  withOrder(r, command.orderId, (order) => {
    if (!isLive(r, order)) return nothing();
    return right([event('OrderCancelled', { contractId: r.contract.contractId, at: nowOf(r), orderId: order.orderId, reason: command.reason })]);
  });

/**
 * An order expires at its deadline by our clock, or earlier when the signing service says so.
 * The fact is dated at the deadline when our clock noticed it late.
 */
export const decideExpire = (command: ExpireOrder, r: Registered): Decision =>
  withOrder(r, command.orderId, (order) => {
    if (!isLive(r, order)) return nothing();
    const now = nowOf(r);
    if (command.reportedByProvider !== true && now < order.deadline) return left(new DeadlineNotReached(order.orderId, order.deadline));
    const byProvider = command.reportedByProvider === true;
    const reported = command.expiredAt ?? now;
    const at = byProvider && reported < order.deadline ? reported : order.deadline;
    return right([event('Expired', { contractId: r.contract.contractId, at, orderId: order.orderId, ...(byProvider ? { reportedByProvider: true } : {}) })]);
  });

/** A reminder is recorded once per order and signer, only before the deadline and outside the quiet hours. */
export const decideReminder = (command: RecordReminderSent, r: Registered): Decision => {
  if (isClosed(r.state)) return left(new ContractClosed(r.state.status, command.type));
  return withSigner(r, command.orderId, command.role, (order, signer) => {
    if (!isLive(r, order) || signer.remindedAt !== undefined || signer.status !== 'waiting') return nothing();
    const now = nowOf(r);
    if (now >= order.deadline) return left(new DeadlinePassed(order.orderId, order.deadline));
    if (isQuietHour(r.now, r.policy)) return left(new QuietHours(instantOf(outsideQuietHours(r.now, r.policy))));
    return right([
      event('ReminderSent', { contractId: r.contract.contractId, at: now, orderId: order.orderId, role: signer.role, channel: signer.channel }),
    ]);
  });
};

/** The job of an order we ended is gone at the service too; a second report changes nothing. */
export const decideJobCancelled = (command: RecordJobCancelled, r: Registered): Decision =>
  withOrder(r, command.orderId, (order) =>
    order.jobOpen && !activeOrderStatuses.has(order.status)
      ? right([event('ProviderJobCancelled', { contractId: r.contract.contractId, at: nowOf(r), orderId: order.orderId, alreadyFinished: command.alreadyFinished === true })])
      : nothing(),
  );
