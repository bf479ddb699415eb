import type { EmailAddress, MobileNumber } from '@fagsign/domain';
import type { JobSigner } from '../signing-job.js';

/**
 * How Posten signering reaches one signer:
 * - `contact`: we give the address or number for the signer's channel (e-mail for the leaders, SMS
 *   for the apprentice), identified by fødselsnummer where we have one, else by that contact data;
 * - `lookup`: a person signing for themself with a fødselsnummer but no usable contact data: the
 *   service looks them up in the contact register (KRR); public senders may do this only with
 *   on-behalf-of SELF;
 * - `unreachable`: neither; the job cannot be sent.
 */
export type NotificationPlan =
  | { readonly kind: 'contact'; readonly email: EmailAddress | undefined; readonly sms: MobileNumber | undefined }
  | { readonly kind: 'lookup'; readonly sms: boolean }
  | { readonly kind: 'unreachable' };

/** An invalid address or number, or a number that does not exist, reaches nobody. */
const usable = <T extends { readonly problem: string | undefined }>(value: T | undefined): T | undefined =>
  value !== undefined && value.problem === undefined ? value : undefined;

export const notificationPlan = (signer: JobSigner): NotificationPlan => {
  const email = signer.channel === 'email' ? usable(signer.email) : undefined;
  const sms = signer.channel === 'sms' ? usable(signer.mobile) : undefined;
  if (email !== undefined || sms !== undefined) return { kind: 'contact', email, sms };
  if (signer.personalId !== undefined && signer.onBehalfOf === 'self') return { kind: 'lookup', sms: signer.channel === 'sms' };
  return { kind: 'unreachable' };
};

/**
 * The number as Posten's examples write it: eight digits for a Norwegian mobile, the international
 * form (+46…) for a foreign one. Not confirmed against the real service (see the README).
 */
export const smsNumber = (mobile: MobileNumber): string => {
  const value = mobile.reveal();
  return mobile.kind === 'norwegian' ? value.replace(/^\+47/, '') : value;
};
