import type { OrderFailureCause } from '@fagsign/domain';
import type { OrderSummary } from './summary.js';

/** What a failed, expired or cancelled order is counted under in the statistics. */
export type FailureCause = OrderFailureCause | 'expired' | 'cancelled';

/** Every cause in the order reports list them: diagnosed causes first, then the undiagnosed ends. */
export const failureCauses: readonly FailureCause[] = [
  'wrong-mobile',
  'missing-email',
  'shared-mailbox',
  'contact-information-missing',
  'rejected',
  'reserved',
  'blocked',
  'name-not-available',
  'provider-error',
  'other',
  'expired',
  'cancelled',
];

/**
 * The cause an order that did not succeed is counted under, or undefined for an order that is
 * still active or completed. The order's diagnosis (a person's or the service's, by the evolve
 * rule) comes first, even when it arrived after the order ended; then OrderFailed's own cause
 * (`provider-error` for errors at the signing service); else the way it ended.
 */
export const failureCauseOf = (order: OrderSummary): FailureCause | undefined => {
  switch (order.status) {
    case 'failed':
      return order.diagnosis ?? order.failureCause ?? 'other';
    case 'expired':
    case 'cancelled':
      return order.diagnosis ?? order.status;
    default:
      return undefined;
  }
};

export const hasEnded = (order: OrderSummary): boolean =>
  order.status === 'completed' || order.status === 'failed' || order.status === 'expired' || order.status === 'cancelled';
