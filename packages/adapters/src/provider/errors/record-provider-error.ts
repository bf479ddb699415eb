import type { OrderId, RecordProviderError } from '@fagsign/domain';
import { ProviderError } from './provider-error.js';

/**
 * The command that records a provider's failure on an order. Anything that is not a
 * `ProviderError` is a bug or an unexpected failure; it counts as transient so the runner tries
 * again later instead of failing the order for good.
 */
export const recordProviderError = (orderId: OrderId, error: unknown): RecordProviderError => {
  if (!(error instanceof ProviderError)) return { type: 'RecordProviderError', orderId, code: 'unexpected', transient: true };
  return {
    type: 'RecordProviderError',
    orderId,
    code: error.code,
    transient: error.transient,
    ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
  };
};
