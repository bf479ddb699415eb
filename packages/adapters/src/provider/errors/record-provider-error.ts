import type { OrderId, PartyRole, RecordProviderError, RecordSignerFailed } from '@fagsign/domain';
import { InvalidSigningJob } from './invalid-signing-job.js';
import { ProviderError } from './provider-error.js';

/**
 * The command that records a provider's failure on an order. Call it only for a fault the failure
 * policy (`classifyFault`) calls the order's own or transient: the workflow runner records nothing
 * for a fault of the sender or its own. Anything that is not a `ProviderError` counts as transient
 * here, so a caller without the policy tries again later instead of failing the order for good.
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

/**
 * The commands for a failed `createJob`. A job refused because a signer cannot be reached (no
 * usable contact data for their channel) is that signer's failure, as the service itself would
 * report CONTACT_INFORMATION_MISSING: recording it so keeps the diagnosis (the decider makes it
 * `missing-email` where the e-mail is what is missing) instead of a bare provider error.
 */
export const commandsForFailedCreation = (orderId: OrderId, error: unknown): (RecordProviderError | RecordSignerFailed)[] => {
  if (error instanceof InvalidSigningJob) {
    const roles = error.problems.flatMap((p) => (p.startsWith('signer-unreachable:') ? [p.slice('signer-unreachable:'.length) as PartyRole] : []));
    if (roles.length > 0 && roles.length === error.problems.length) {
      return roles.map((role) => ({ type: 'RecordSignerFailed', orderId, role, cause: 'contact-information-missing', source: 'provider', providerStatus: 'CONTACT_INFORMATION_MISSING' }));
    }
  }
  return [recordProviderError(orderId, error)];
};
