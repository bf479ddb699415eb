import type { Instant } from '@fagsign/domain';
import type { EnterpriseCredentials } from './enterprise-credentials.js';

/** How long the county's enterprise certificate has left: for the start-up check, the log and the health check. */
export interface CertificateStatus {
  readonly state: 'valid' | 'expiring-soon' | 'expired' | 'not-yet-valid';
  readonly expiresAt: Instant;
  /** Whole days until it expires; negative once it has. */
  readonly daysLeft: number;
}

/** Posten signering refuses an expired certificate; a county needs weeks to order and install a new one. */
export const warnDaysBeforeExpiry = 30;
const day = 86_400_000;

export const certificateStatus = (credentials: EnterpriseCredentials, now: Instant, warnDays = warnDaysBeforeExpiry): CertificateStatus => {
  const leaf = credentials.chain[0]!;
  const at = Date.parse(now);
  const expires = Date.parse(leaf.validTo);
  const daysLeft = Math.floor((expires - at) / day);
  const state = at < Date.parse(leaf.validFrom) ? 'not-yet-valid' : at > expires ? 'expired' : daysLeft < warnDays ? 'expiring-soon' : 'valid';
  return { state, expiresAt: new Date(expires).toISOString() as Instant, daysLeft };
};

export interface CertificateLog {
  warn(message: string, fields: Readonly<Record<string, unknown>>): void;
  error(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/**
 * The check at start (and whenever the service's health check asks): a warning from 30 days
 * before expiry, an error once it has expired. Logs the expiry date and days left, never the
 * certificate itself.
 */
export const checkCertificate = (credentials: EnterpriseCredentials, now: Instant, log: CertificateLog): CertificateStatus => {
  const status = certificateStatus(credentials, now);
  const fields = { expiresAt: status.expiresAt, daysLeft: status.daysLeft };
  if (status.state === 'expiring-soon') log.warn(`The enterprise certificate expires in ${status.daysLeft} days: order and install a new one`, fields);
  if (status.state === 'expired' || status.state === 'not-yet-valid') log.error(`The enterprise certificate is ${status.state}: Posten signering will refuse every job`, fields);
  return status;
};

/**
 * Credentials that can be replaced while the service runs: `current()` is what the signer and the
 * TLS transport ask for at each job; `renew(next)` takes a new certificate into use from the next
 * job on, while a job in flight finishes with the credentials it started with.
 */
export interface ReloadableCredentials {
  readonly current: () => EnterpriseCredentials;
  renew(next: EnterpriseCredentials): void;
}

export const reloadableCredentials = (initial: EnterpriseCredentials): ReloadableCredentials => {
  let credentials = initial;
  return {
    current: () => credentials,
    renew: (next) => {
      credentials = next;
    },
  };
};
