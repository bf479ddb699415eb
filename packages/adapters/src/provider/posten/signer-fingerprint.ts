import { createHmac } from 'node:crypto';
import { EmailAddress, MobileNumber } from '@fagsign/domain';
import type { JobSigner } from '../signing-job.js';
import { notificationPlan, smsNumber } from './notification-plan.js';
import type { SignerIdentification } from './reported-identifier.js';

/*
 * To find a role again in a status change, the journal keeps a keyed fingerprint (HMAC-SHA-256 with
 * the county's secret) of each identifier sent, never the identifier itself. A plain hash would not
 * do: an 8-digit phone number or an 11-digit fødselsnummer is quickly found by trying them all.
 */

export type Fingerprint = (kind: 'pin' | 'email' | 'sms', value: string) => string;

const normalised = (kind: 'pin' | 'email' | 'sms', value: string): string => {
  if (kind === 'email') return EmailAddress.registered(value).reveal();
  if (kind === 'sms') {
    const mobile = MobileNumber.registered(value);
    return mobile.problem !== undefined ? value.replace(/\s/g, '') : smsNumber(mobile);
  }
  return value.replace(/\s/g, '');
};

export const signerFingerprint =
  (secret: string | Uint8Array): Fingerprint =>
  (kind, value) =>
    createHmac('sha256', secret).update(`${kind}:${normalised(kind, value)}`).digest('base64url').slice(0, 22);

/** The fingerprints of what a status change will name this signer by: what we sent. */
export const sentFingerprints = (signer: JobSigner, fingerprint: Fingerprint): string[] => {
  if (signer.personalId !== undefined) return [fingerprint('pin', signer.personalId.reveal())];
  const plan = notificationPlan(signer);
  if (plan.kind !== 'contact') return [];
  return [...(plan.email ? [fingerprint('email', plan.email.reveal())] : []), ...(plan.sms ? [fingerprint('sms', smsNumber(plan.sms))] : [])];
};

export const reportedFingerprints = (identification: SignerIdentification, fingerprint: Fingerprint): string[] =>
  identification.kind === 'personal-id'
    ? [fingerprint('pin', identification.personalId.reveal())]
    : [
        ...(identification.email ? [fingerprint('email', identification.email.reveal())] : []),
        ...(identification.sms ? [fingerprint('sms', identification.sms.reveal())] : []),
      ];
