import type { Instant } from '@fagsign/domain';
import type { BundleSigner } from './document-bundle.js';
import { assertValidAt, type EnterpriseCredentials } from './enterprise-credentials.js';
import { xadesSignatures } from './xades-signature.js';

/**
 * The bundle signer Posten signering requires: a XAdES signature over every file with the
 * county's enterprise certificate, made now. `credentials` is asked at every bundle, so a renewed
 * certificate (a reloadable source) is taken into use by the next job without a restart.
 * An expired or not yet valid certificate is an `EnterpriseCertificateError`: nothing is sent.
 */
export const xadesBundleSigner = (credentials: () => EnterpriseCredentials, now: () => Instant): BundleSigner => async (files) => {
  const current = credentials();
  const at = new Date(now());
  assertValidAt(current, at);
  return new TextEncoder().encode(xadesSignatures(files, current, at));
};
