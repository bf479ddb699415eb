import { instantOf, toDateTime, type Instant } from '../model/time.js';
import { outsideQuietHours } from './deadlines.js';
import type { SigningPolicy } from './signing-policy.js';

/*
 * What a county chooses for every job it sends to the signing service, beyond who signs: the
 * log-in level, the kind of signature, what identifies a signer in the signed document, and when
 * the service starts notifying. The values are the domain's; a provider maps them to its own
 * (Posten signering: required-authentication, signature-type, identifier-in-signed-documents,
 * activation-time).
 */

/** ID-porten levels a county may require of its signers: 3 (substantial, e.g. MinID) or 4 (high: BankID, Buypass, Commfides). */
export const authenticationLevels = [3, 4] as const;
/** Advanced electronic signature, or the weaker authenticated one. */
export const signatureTypes = ['advanced', 'authenticated'] as const;
/** What the signed document says about each signer: fødselsnummer and name, date of birth and name, or the name alone. */
export const signedDocumentIdentifiers = ['personal-id-and-name', 'date-of-birth-and-name', 'name'] as const;
/** When the service starts notifying the signers of a new job: at once, or not before the quiet hours end. */
export const activations = ['at-once', 'after-quiet-hours'] as const;

/** An ID-porten level: 3 or 4. */
export type AuthenticationLevel = (typeof authenticationLevels)[number];
/** `advanced` or `authenticated`. */
export type SignatureType = (typeof signatureTypes)[number];
/** What identifies a signer in the signed document. */
export type SignedDocumentIdentifier = (typeof signedDocumentIdentifiers)[number];
/** `at-once` or `after-quiet-hours`. */
export type Activation = (typeof activations)[number];

/**
 * The policy's choices for one job, as a provider needs them. A field left out is one the policy
 * leaves to the service (or to a provider's own settings); `activationTime: null` says the policy
 * decided "at once" for this job.
 */
export interface JobChoices {
  readonly requiredAuthentication?: AuthenticationLevel;
  readonly signatureType?: SignatureType;
  readonly identifierInSignedDocuments?: SignedDocumentIdentifier;
  readonly activationTime?: Instant | null;
}

/**
 * When the service should start notifying the signers of a job sent at `sentAt`: null for at once.
 * With `after-quiet-hours`, a job sent during the quiet hours waits for their end (Oslo time),
 * unless that would not come before the order's deadline: then at once, rather than never.
 */
export const activationTime = (sentAt: Instant, deadline: Instant, policy: Pick<SigningPolicy, 'activation' | 'quietHours'>): Instant | null => {
  if (policy.activation !== 'after-quiet-hours') return null;
  const at = instantOf(outsideQuietHours(toDateTime(sentAt), policy));
  return Date.parse(at) > Date.parse(sentAt) && Date.parse(at) < Date.parse(deadline) ? at : null;
};

/** The choices of `policy` for a job sent at `sentAt` for an order due at `deadline`. */
export const jobChoicesFor = (policy: SigningPolicy, sentAt: Instant, deadline: Instant): JobChoices => ({
  ...(policy.requiredAuthentication === null ? {} : { requiredAuthentication: policy.requiredAuthentication }),
  ...(policy.signatureType === null ? {} : { signatureType: policy.signatureType }),
  ...(policy.identifierInSignedDocuments === null ? {} : { identifierInSignedDocuments: policy.identifierInSignedDocuments }),
  ...(policy.activation === 'at-once' ? {} : { activationTime: activationTime(sentAt, deadline, policy) }),
});
