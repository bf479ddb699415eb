import type { ContractId, OrderId, PartyRole } from '@fagsign/domain';
import type { JobSigner } from '../signing-job.js';
import type { Random } from './prng.js';

/**
 * What one signer does with a job. Hours count from the moment the document reaches the signer
 * (job creation, or when the group before has signed).
 * - `signs`: signs after `afterHours`; a reminder may make it sooner.
 * - `signs-after-reminder`: only signs after a reminder, `afterHours` after it.
 * - `never-signs`: the link never reaches a reader (wrong or changed mobile, shared mailbox) or the
 *   person does not answer; the job runs out at its deadline. Reminders do not help.
 * - `rejects`: rejects after `afterHours`.
 * - `status`: the service reports this status after `afterHours` (RESERVED, BLOCKED,
 *   CONTACT_INFORMATION_MISSING, SIGNERS_NAME_NOT_AVAILABLE, or an unknown one, to test tolerance).
 */
export type SignerBehaviour =
  | { readonly kind: 'signs'; readonly afterHours: number }
  | { readonly kind: 'signs-after-reminder'; readonly afterHours: number }
  | { readonly kind: 'never-signs'; readonly why: 'wrong-mobile' | 'shared-mailbox' | 'no-response' }
  | { readonly kind: 'rejects'; readonly afterHours: number }
  | { readonly kind: 'status'; readonly status: string; readonly afterHours: number };

/** Shorthands for the pilot's stories; delays for these are drawn from the seed. */
export type SignerShorthand =
  | 'signs'
  | 'needs-reminder'
  | 'wrong-mobile'
  | 'changed-mobile'
  | 'shared-mailbox'
  | 'no-response'
  | 'rejects'
  | 'reserved'
  | 'blocked'
  | 'contact-information-missing'
  | 'name-not-available';

export type ScriptEntry = SignerShorthand | SignerBehaviour;

export interface ScriptedSigner {
  readonly contractId: ContractId;
  readonly orderId: OrderId;
  readonly attempt: number;
  readonly role: PartyRole;
}

/**
 * Per-signer behaviour chosen by the caller: a map keyed by contract id and role (an array gives one
 * entry per attempt, the last one repeating, so "wrong mobile, then signs" is `['wrong-mobile',
 * 'signs']`), or a function. Signers the script leaves out behave by their data and the seed.
 */
export type SignerScript =
  | Readonly<Record<string, Partial<Record<PartyRole, ScriptEntry | readonly ScriptEntry[]>>>>
  | ((signer: ScriptedSigner) => ScriptEntry | undefined);

/** How the unscripted signers behave, as chances from 0 to 1. */
export interface SignerProfile {
  readonly rejectChance: number;
  readonly needsReminderChance: number;
  readonly noResponseChance: number;
}

export const pilotProfile: SignerProfile = { rejectChance: 0, needsReminderChance: 0.15, noResponseChance: 0.02 };

/** Hours until a willing signer signs: mostly within a day, a long tail to about four days. */
export const drawSigningHours = (random: Random): number => 0.5 + 95 * random() ** 2.2;
/** Hours from a reminder to the signature, for a signer who was waiting for one. */
export const drawReminderResponseHours = (random: Random): number => 0.25 + 10 * random();

const statusAfter = (status: string, random: Random): SignerBehaviour => ({ kind: 'status', status, afterHours: random() * 2 });

export const expandShorthand = (entry: ScriptEntry, random: Random): SignerBehaviour => {
  if (typeof entry !== 'string') return entry;
  switch (entry) {
    case 'signs':
      return { kind: 'signs', afterHours: drawSigningHours(random) };
    case 'needs-reminder':
      return { kind: 'signs-after-reminder', afterHours: drawReminderResponseHours(random) };
    case 'wrong-mobile':
    case 'changed-mobile':
      return { kind: 'never-signs', why: 'wrong-mobile' };
    case 'shared-mailbox':
      return { kind: 'never-signs', why: 'shared-mailbox' };
    case 'no-response':
      return { kind: 'never-signs', why: 'no-response' };
    case 'rejects':
      return { kind: 'rejects', afterHours: drawSigningHours(random) };
    case 'reserved':
      return { kind: 'status', status: 'RESERVED', afterHours: 0 };
    case 'blocked':
      return statusAfter('BLOCKED', random);
    case 'contact-information-missing':
      return { kind: 'status', status: 'CONTACT_INFORMATION_MISSING', afterHours: 0 };
    case 'name-not-available':
      return statusAfter('SIGNERS_NAME_NOT_AVAILABLE', random);
  }
};

const scripted = (script: SignerScript | undefined, who: ScriptedSigner): ScriptEntry | undefined => {
  if (script === undefined) return undefined;
  if (typeof script === 'function') return script(who);
  const entry = script[who.contractId]?.[who.role];
  if (entry === undefined || !Array.isArray(entry)) return entry as ScriptEntry | undefined;
  return entry.length === 0 ? undefined : entry[Math.min(who.attempt, entry.length) - 1];
};

// A number that does not exist reaches nobody, just as an invalid one.
const usable = (value: { readonly problem: string | undefined } | undefined): boolean => value !== undefined && value.problem === undefined;

/**
 * No way to reach the signer on their channel: no usable address or number, and no fødselsnummer
 * for the service to look contact data up by (which only a person signing for themself allows).
 */
export const unreachable = (signer: JobSigner): boolean => {
  const contact = signer.channel === 'sms' ? signer.mobile : signer.email;
  return !usable(contact) && !(signer.personalId !== undefined && signer.onBehalfOf === 'self');
};

/** The script's word first; then the data (no contact, a shared mailbox); then the seed. */
export const behaviourOf = (signer: JobSigner, who: ScriptedSigner, script: SignerScript | undefined, profile: SignerProfile, random: Random): SignerBehaviour => {
  const entry = scripted(script, who);
  if (entry !== undefined) return expandShorthand(entry, random);
  if (unreachable(signer)) return expandShorthand('contact-information-missing', random);
  if (signer.channel === 'email' && signer.email?.kind === 'shared') return expandShorthand('shared-mailbox', random);
  const roll = random();
  if (roll < profile.rejectChance) return expandShorthand('rejects', random);
  if (roll < profile.rejectChance + profile.noResponseChance) return expandShorthand('no-response', random);
  if (roll < profile.rejectChance + profile.noResponseChance + profile.needsReminderChance) return expandShorthand('needs-reminder', random);
  return expandShorthand('signs', random);
};
