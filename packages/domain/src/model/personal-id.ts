import { checkedCodec, Refusal, textRefusal } from './codec-kit.js';
import { erasedFormOf, PersonalValue } from './personal-value.js';
import { daysInMonth } from './time.js';
import { digitAt, isDigits, twoDigitsAt } from './digits.js';

/** `fnr`: fødselsnummer. `dnr`: D-nummer (first digit + 4), given to people without a fødselsnummer. */
export type PersonalIdKind = 'fnr' | 'dnr';

const k1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const k2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

const checkDigit = (digits: string, weights: readonly number[]): number | undefined => {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digitAt(digits, i) * weights[i]!;
  const k = 11 - (sum % 11);
  return k === 11 ? 0 : k === 10 ? undefined : k;
};

/** Both mod-11 check digits for the first nine digits, or undefined where the nine digits admit none. */
export const personalIdCheckDigits = (firstNine: string): string | undefined => {
  const k1 = checkDigit(firstNine, k1Weights);
  if (k1 === undefined) return undefined;
  const k2 = checkDigit(firstNine + k1, k2Weights);
  return k2 === undefined ? undefined : `${k1}${k2}`;
};

/** Eleven digits whose last two are `personalIdCheckDigits` of the first nine, without building either string. */
const hasCheckDigits = (s: string): boolean => {
  // each check digit is weighed over the digits before it, so the number itself can be read in place
  const k1 = checkDigit(s, k1Weights);
  if (k1 === undefined || digitAt(s, 9) !== k1) return false;
  const k2 = checkDigit(s, k2Weights);
  return k2 !== undefined && digitAt(s, 10) === k2;
};

/** The birth year from the two-digit year and the individual number (digits 7–9), per Skatteetaten's ranges. */
const birthYear = (yy: number, individual: number): number | undefined => {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (individual >= 500 && yy <= 39) return 2000 + yy;
  if (individual >= 900 && yy >= 40) return 1900 + yy;
  return undefined;
};

/**
 * A fødselsnummer or D-nummer: 11 digits, a date of birth, an individual number and two mod-11
 * check digits. Synthetic test numbers (month + 80, as in Skatteetaten's Tenor) are accepted.
 */
export class PersonalId extends PersonalValue {
  readonly label = 'personal id';
  private constructor(
    value: string,
    readonly kind: PersonalIdKind,
    /** ISO date of birth (YYYY-MM-DD); empty when the number was erased. */
    readonly birthDate: string,
  ) {
    super(value);
  }

  static parse(raw: string): PersonalId | { rule: string } {
    const erased = erasedFormOf(raw);
    // an erased number keeps its kind; its date of birth went with it
    if (erased !== undefined) return new PersonalId(raw, erased.kind === 'dnr' ? 'dnr' : 'fnr', '');
    // most numbers are stored as their eleven digits: nothing to strip
    const s = isDigits(raw, 11) ? raw : raw.replace(/\s/g, '');
    if (!isDigits(s, 11)) return { rule: 'must be 11 digits' };
    if (!hasCheckDigits(s)) return { rule: 'must end with two valid mod-11 check digits' };
    let day = twoDigitsAt(s, 0);
    let month = twoDigitsAt(s, 2);
    const kind: PersonalIdKind = day > 40 ? 'dnr' : 'fnr';
    if (kind === 'dnr') day -= 40;
    if (month > 80) month -= 80; // synthetic (Tenor) test numbers
    else if (month > 40) month -= 40; // H-nummer (help numbers)
    const year = birthYear(twoDigitsAt(s, 4), twoDigitsAt(s, 6) * 10 + digitAt(s, 8));
    if (year === undefined || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return { rule: 'must begin with a valid date of birth' };
    }
    const birthDate = `${year}-${pad(month)}-${pad(day)}`;
    return new PersonalId(s, kind, birthDate);
  }
}

const pad = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

export const PersonalIdCodec = checkedCodec<PersonalId, string>(
  'PersonalId',
  (u): u is PersonalId => u instanceof PersonalId,
  (u) => {
    const refused = textRefusal(u, { maxLength: 32 });
    if (refused !== undefined) return refused;
    const parsed = PersonalId.parse(u as string);
    return parsed instanceof PersonalId ? parsed : new Refusal(parsed.rule);
  },
  (id) => id.reveal(),
);
