import { checkCertificate, type CertificateStatus, type ReloadableCredentials } from '@fagsign/adapters';
import type { Instant } from '@fagsign/domain';
import type { ServiceLogger } from '../logging/logger.js';

const day = 86_400_000;

export interface CertificateWatch {
  /** The last check's result (at start, then daily). */
  current(): CertificateStatus;
  stop(): void;
}

/**
 * The enterprise certificate's expiry, watched while the service runs: checked at start and then
 * daily (real time), a warning in the log from 30 days ahead and an error once expired, so that the
 * county orders a new one while there is time; readiness and /metrics read the last result.
 */
export const watchCertificate = (credentials: ReloadableCredentials, now: () => Instant, logger: ServiceLogger): CertificateWatch => {
  const log = { warn: (message: string, fields: Readonly<Record<string, unknown>>) => logger.warn(fields, message), error: (message: string, fields: Readonly<Record<string, unknown>>) => logger.error(fields, message) };
  const check = () => checkCertificate(credentials.current(), now(), log);
  let status = check();
  const timer = setInterval(() => (status = check()), day);
  timer.unref();
  return { current: () => status, stop: () => clearInterval(timer) };
};

/** What readiness says of a certificate: a problem (not ready) once it cannot be used, a warning (still ready) within 30 days. */
export const certificateReadiness = (status: CertificateStatus | undefined): { readonly problem?: string; readonly warning?: string } => {
  if (status === undefined) return {};
  if (status.state === 'expired' || status.state === 'not-yet-valid') return { problem: `enterprise certificate ${status.state} (expires ${status.expiresAt}): Posten signering refuses every job; install a new one` };
  if (status.state === 'expiring-soon') return { warning: `the enterprise certificate expires in ${status.daysLeft} days (${status.expiresAt}): order and install a new one` };
  return {};
};
