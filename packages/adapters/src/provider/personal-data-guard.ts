import type { EmailAddress, MobileNumber, PersonalId } from '@fagsign/domain';

/** What the guard needs to know about the people in a job. */
export interface KnownPeople {
  readonly names: readonly string[];
  readonly personalIds: readonly (PersonalId | undefined)[];
  readonly mobiles: readonly (MobileNumber | undefined)[];
  readonly emails: readonly (EmailAddress | undefined)[];
}

export type PersonalDataKind = 'personal-id' | 'mobile' | 'email' | 'name';

const fold = (s: string): string => s.toLocaleLowerCase('nb').normalize('NFC');
const digitsOnly = (s: string): string => s.replace(/\D/g, '');

/**
 * What kinds of personal data a text shown without login (the non-sensitive title) may leak: any
 * 11-digit run (a fødselsnummer, ours or not), any 8-digit run that could be a Norwegian mobile,
 * any of the job's mobile numbers however written, anything with an `@`, and any part of a
 * signer's name of three letters or more, as a whole word. Over-cautious on purpose: a false alarm
 * costs a plainer title; a miss sends a name to a lock screen.
 */
export const personalDataIn = (text: string, people: KnownPeople): PersonalDataKind[] => {
  const found = new Set<PersonalDataKind>();
  const digits = digitsOnly(text);
  if (/\d{11}/.test(text.replace(/[\s.-]/g, '')) || people.personalIds.some((id) => id !== undefined && digits.includes(id.reveal()))) {
    found.add('personal-id');
  }
  if (/(?<!\d)[49]\d{7}(?!\d)/.test(text.replace(/[\s.-]/g, ''))) found.add('mobile');
  for (const mobile of people.mobiles) {
    const national = mobile === undefined ? '' : digitsOnly(mobile.reveal()).slice(-8);
    if (national.length >= 7 && digits.includes(national)) found.add('mobile');
  }
  const folded = fold(text);
  if (folded.includes('@') || people.emails.some((e) => e !== undefined && folded.includes(fold(e.reveal())))) found.add('email');
  const words = new Set(folded.split(/[^\p{L}]+/u).filter((w) => w.length > 0));
  for (const name of people.names) {
    if (fold(name).split(/[^\p{L}]+/u).some((part) => part.length >= 3 && words.has(part))) found.add('name');
  }
  return [...found];
};
