import * as t from 'io-ts';
import { stringCodec } from './codec-kit.js';
import { digitAt, isDigits } from './digits.js';

declare const orgNumberBrand: unique symbol;
/** A Norwegian organisation number (Enhetsregisteret): 9 digits, the last a mod-11 check digit. */
export type OrgNumber = string & { readonly [orgNumberBrand]: true };

const weights = [3, 2, 7, 6, 5, 4, 3, 2];

/** The mod-11 check digit for the first eight digits, or undefined where none exists (remainder 1). */
export const orgNumberCheckDigit = (firstEight: string): number | undefined => {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += digitAt(firstEight, i) * weights[i]!;
  const k = 11 - (sum % 11);
  return k === 11 ? 0 : k === 10 ? undefined : k;
};

export const parseOrgNumber = (raw: string): OrgNumber | { rule: string } => {
  // most numbers are stored as their nine digits: nothing to strip
  const s = isDigits(raw, 9) ? raw : raw.replace(/[\s.]/g, '');
  if (!/^\d{9}$/.test(s)) return { rule: 'must be 9 digits' };
  if (s[0] !== '8' && s[0] !== '9') return { rule: 'must start with 8 or 9' };
  if (orgNumberCheckDigit(s) !== Number(s[8])) return { rule: 'must end with a valid mod-11 check digit' };
  return s as OrgNumber;
};

export const OrgNumberCodec: t.Type<OrgNumber, string, unknown> = stringCodec(
  'OrgNumber',
  (u): u is OrgNumber => typeof u === 'string' && parseOrgNumber(u) === u,
  parseOrgNumber,
  (n) => n,
  { maxLength: 32 },
);
