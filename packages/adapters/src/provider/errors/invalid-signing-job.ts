import { ProviderError } from './provider-error.js';

/**
 * Why a signing job cannot be sent, found before sending. Problems are codes with a role where one
 * applies ("signer-unreachable:faglig-leder"), never the contact data itself.
 */
export type SigningJobProblem =
  | 'no-signers'
  | 'too-many-signers'
  | 'duplicate-role'
  | 'group-out-of-range'
  | 'deadline-passed'
  | 'availability-too-long'
  | 'title-length'
  | 'nonsensitive-title-length'
  | 'personal-data-in-nonsensitive-title'
  | 'description-too-long'
  | 'empty-document'
  | 'document-name'
  | 'activation-after-deadline'
  | `signer-unreachable:${string}`;

/** Found by our own checks, like a 400 from the service but without sending anything. */
export class InvalidSigningJob extends ProviderError {
  override readonly name = 'InvalidSigningJob';
  constructor(readonly problems: readonly SigningJobProblem[]) {
    super('invalid-job', false, `The signing job cannot be sent: ${problems.join(', ')}`);
  }
}
