import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { MobileNumber, type MobileKind } from './mobile-number.js';

/*
 * The oracle is libphonenumber-js itself, asked the plain way (a number as text, Norway as the
 * default country), so the test catches anything fagsign adds on its way there: the prefix
 * handling, the cache, the mapping of number types to kinds.
 */
const oracle = (text: string): { kind: MobileKind; e164?: string } => {
  // DOMAIN.md's one rule the library does not know: ten bare digits starting with 47 carry the country code.
  const phone = parsePhoneNumberFromString(/^47\d{8}$/.test(text) ? `+${text}` : text, 'NO');
  if (phone === undefined || !phone.isPossible()) return { kind: 'invalid' };
  if (!phone.isValid()) return { kind: 'unallocated' };
  const type = phone.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { kind: 'invalid' };
  return { kind: phone.countryCallingCode === '47' ? 'norwegian' : 'foreign', e164: phone.number };
};

const spaced = (digits: string, cut: number) => (cut === 0 || cut >= digits.length ? digits : `${digits.slice(0, cut)} ${digits.slice(cut)}`);

/** Anything that looks Norwegian: 4 to 10 digits with any first digit, bare, +47 or 0047, sometimes spaced. */
const norwegianInput = fc
  .tuple(fc.stringMatching(/^\d{4,10}$/), fc.constantFrom('', '', '+47', '0047', '+47 '), fc.nat(6))
  .map(([digits, prefix, cut]) => prefix + spaced(digits, cut));

/** Eight digits, the length every Norwegian mobile, fixed line and unallocated number has. */
const norwegianEightDigits = fc.tuple(fc.stringMatching(/^\d{8}$/), fc.constantFrom('', '+47', '0047')).map(([digits, prefix]) => prefix + digits);

const callingCodes = [...new Set(getCountries().map((country) => getCountryCallingCode(country)))];

/** Any country's calling code (and some that no country has) followed by 3 to 13 digits. */
const foreignInput = fc
  .tuple(fc.constantFrom('+', '00'), fc.oneof(fc.constantFrom(...callingCodes), fc.stringMatching(/^\d{1,3}$/)), fc.stringMatching(/^\d{3,13}$/), fc.nat(5))
  .map(([prefix, code, rest, cut]) => `${prefix}${code}${spaced(rest, cut)}`);

describe('MobileNumber judged by the numbering plan', () => {
  test.prop([fc.oneof(norwegianInput, norwegianEightDigits, foreignInput)], { numRuns: 3000 })(
    'agrees with libphonenumber-js on every Norwegian and foreign input: the kind, and the stored number',
    (text) => {
      const expected = oracle(text);
      const judged = MobileNumber.registered(text);
      expect(judged.kind).toBe(expected.kind);
      if (expected.e164 !== undefined) expect(judged.reveal()).toBe(expected.e164);
      expect(judged.problem === undefined).toBe(expected.kind === 'norwegian' || expected.kind === 'foreign');
    },
  );

  test.prop([norwegianEightDigits])('the stored form of a usable number is judged the same when it is read back', (text) => {
    const judged = MobileNumber.registered(text);
    if (judged.problem !== undefined) return;
    const again = MobileNumber.registered(judged.reveal());
    expect([again.kind, again.reveal()]).toEqual([judged.kind, judged.reveal()]);
  });

  test.prop([fc.oneof(norwegianInput, foreignInput)])('a problem never quotes the number', (text) => {
    const { why, problem } = MobileNumber.registered(text);
    const digits = text.replace(/\D/g, '');
    for (const said of [why?.en, why?.nb, problem]) if (said !== undefined && digits.length >= 4) expect(said).not.toContain(digits);
  });
});
