import { ProviderError } from './provider-error.js';

/** Why the county's enterprise certificate (virksomhetssertifikat) cannot sign or authenticate. */
export type EnterpriseCertificateProblem = 'unreadable' | 'no-certificate' | 'key-mismatch' | 'not-rsa' | 'expired' | 'not-yet-valid';

/**
 * The sender's own credentials are unusable: a person must act (renew, or fix the configuration);
 * no order is at fault. The message names the problem only, never a passphrase, key or path.
 */
export class EnterpriseCertificateError extends ProviderError {
  override readonly name = 'EnterpriseCertificateError';
  constructor(readonly problem: EnterpriseCertificateProblem) {
    super(`certificate-${problem}`, false, `The enterprise certificate cannot be used: ${problem}`);
  }
}
