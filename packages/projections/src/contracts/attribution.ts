import type { OrderFailureCause } from '@fagsign/domain';
import type { OrderSummary } from './summary.js';

/**
 * What a failed, expired or cancelled order is counted under in the statistics. `our-fault`: an
 * order an earlier version of the runner failed for a fault of the county's side or its own (an
 * expired certificate, a bug), which today's runner never records on an order; it is not counted
 * against the signing service.
 */
export type FailureCause = OrderFailureCause | 'our-fault' | 'expired' | 'cancelled';

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
  'our-fault',
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
      if (order.diagnosis === null && order.failureCause === 'provider-error' && isOurFaultCode(order.lastProviderError)) return 'our-fault';
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

/**
 * Error codes that earlier runners recorded as the signing service's errors although the fault was
 * ours: the service refusing the county's certificate (401/403), a link our configuration refuses,
 * and any unexpected error of our own code or ports (`unexpected`).
 */
const ourFaultCodes: ReadonlySet<string> = new Set(['http-401', 'http-403', 'unexpected', 'foreign-link', 'foreign-confirmation']);

export const isOurFaultCode = (code: string | null | undefined): boolean => code != null && ourFaultCodes.has(code);
