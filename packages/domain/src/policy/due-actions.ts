import type { DateTime } from 'luxon';
import type { OrderId } from '../model/contract-id.js';
import type { NotificationChannel, PartyRole } from '../model/party-role.js';
import { instantOf, toDateTime, type Instant } from '../model/time.js';
import type { FollowUpStep, SignerFailureCause } from '../contract/causes.js';
import type { ContractState, OrderState } from '../contract/state.js';
import { activeOrder, activeOrderStatuses, currentOrder } from '../contract/state.js';
import { isQuietHour } from './deadlines.js';
import { isUploadUncertain } from '../contract/submission.js';
import { isInvited } from './signers.js';
import type { SigningPolicy } from './signing-policy.js';

/** Work that is due for one contract at a given moment; a runner drives time by asking for it. */
export type DueAction =
  | { readonly kind: 'submit-order'; readonly orderId: OrderId; readonly dueAt: Instant }
  | { readonly kind: 'retry-order'; readonly orderId: OrderId; readonly dueAt: Instant }
  | { readonly kind: 'send-reminder'; readonly orderId: OrderId; readonly role: PartyRole; readonly channel: NotificationChannel; readonly dueAt: Instant }
  | { readonly kind: 'expire-order'; readonly orderId: OrderId; readonly dueAt: Instant }
  | { readonly kind: 'cancel-job'; readonly orderId: OrderId; readonly providerJobId: string; readonly dueAt: Instant }
  | { readonly kind: 'follow-up'; readonly step: FollowUpStep; readonly attempt: number; readonly dueAt: Instant }
  | { readonly kind: 'issue-new-order'; readonly previousOrderId: OrderId; readonly dueAt: Instant }
  | { readonly kind: 'suggest-manual-contract'; readonly previousOrderId: OrderId; readonly orders: number; readonly dueAt: Instant };

/** Failures that correcting the contact data in Vigo can cure. */
export const correctableCauses: ReadonlySet<SignerFailureCause> = new Set([
  'wrong-mobile',
  'missing-email',
  'shared-mailbox',
  'contact-information-missing',
]);

/**
 * Everything due for a contract at `now`. Pure: the same state, time and policy give the same list.
 * Reminders are never due in the quiet hours; they become due again when the quiet hours end, and
 * never to a signer the service has not invited yet (a later signing group, see `isInvited`).
 */
export const dueActions = (state: ContractState, now: DateTime, policy: SigningPolicy): DueAction[] => {
  const at = instantOf(now);
  const actions: DueAction[] = [];
  const order = activeOrder(state);
  if (order !== undefined && at >= order.deadline) {
    // An order out at the service expires by our clock only after a grace period, so that the
    // service's own EXPIRED, or a signature made just before the deadline, can arrive first.
    // An upload in doubt may have made a job too.
    const expireAt = order.status === 'accepted' || isUploadUncertain(order) ? instantOf(toDateTime(order.deadline).plus({ minutes: policy.expiryGraceMinutes })) : order.deadline;
    if (at >= expireAt) actions.push({ kind: 'expire-order', orderId: order.orderId, dueAt: expireAt });
  } else if (order !== undefined && !isUploadUncertain(order)) {
    if (order.status === 'created') actions.push({ kind: 'submit-order', orderId: order.orderId, dueAt: order.createdAt });
    if (order.status === 'awaiting-retry' && order.retryAt !== undefined && at >= order.retryAt) {
      actions.push({ kind: 'retry-order', orderId: order.orderId, dueAt: order.retryAt });
    }
    if (order.status === 'accepted' && order.remindAt !== null && at >= order.remindAt && !isQuietHour(now, policy)) {
      for (const signer of order.signers) {
        // a signer in a later group is reminded only once the service has invited them
        if (signer.status === 'waiting' && signer.remindedAt === undefined && isInvited(order.signers, signer)) {
          actions.push({ kind: 'send-reminder', orderId: order.orderId, role: signer.role, channel: signer.channel, dueAt: order.remindAt });
        }
      }
    }
  }

  for (const ended of jobsToCancel(state)) {
    actions.push({ kind: 'cancel-job', orderId: ended.orderId, providerJobId: ended.providerJobId!, dueAt: ended.endedAt ?? ended.createdAt });
  }

  if (state.status === 'signed-electronically' && state.followUp !== undefined) {
    for (const step of ['archive', 'vigo'] as const) {
      const followUp = state.followUp[step];
      if (!followUp.done && followUp.retryAt !== null && at >= followUp.retryAt) {
        actions.push({ kind: 'follow-up', step, attempt: followUp.attempts + 1, dueAt: followUp.retryAt });
      }
    }
  }

  const last = currentOrder(state);
  if (state.status === 'order-ended' && last !== undefined && policy.autoReissue.enabled && isReissuable(state, last)) {
    const dueAt = laterOf(last.endedAt!, state.contract?.contactCorrectedAt);
    if (at >= dueAt) {
      actions.push(
        state.orders.length < policy.autoReissue.maxOrders
          ? { kind: 'issue-new-order', previousOrderId: last.orderId, dueAt }
          : { kind: 'suggest-manual-contract', previousOrderId: last.orderId, orders: state.orders.length, dueAt },
      );
    }
  }
  return actions;
};

/**
 * Orders we ended (a correction, a new start date, paper, withdrawal, our clock's expiry) whose job
 * may still be open at the signing service: a signer could otherwise sign a document that no
 * longer counts, and with signer groups the service's own expiry can come later than ours.
 */
export const jobsToCancel = (state: ContractState): OrderState[] =>
  state.orders.filter((o) => o.jobOpen && o.providerJobId !== undefined && !activeOrderStatuses.has(o.status));

/** An ended order whose cause has been dealt with: its own cancellation for a change, or corrected contact data. */
const isReissuable = (state: ContractState, order: OrderState): boolean => {
  if (order.status === 'cancelled') return order.cancelReason === 'start-date-changed' || order.cancelReason === 'contact-correction';
  const corrected = state.contract?.contactCorrectedAt;
  return (
    order.diagnosis !== undefined &&
    correctableCauses.has(order.diagnosis) &&
    corrected !== undefined &&
    order.endedAt !== undefined &&
    corrected >= order.endedAt
  );
};

const laterOf = (a: Instant, b: Instant | undefined): Instant => (b !== undefined && b > a ? b : a);
