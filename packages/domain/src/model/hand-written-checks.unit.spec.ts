import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseContractId, OrderIdCodec } from './contract-id.js';
import { parseLocalDate, daysInMonth, InstantCodec } from './time.js';
import { parseOrgNumber, orgNumberCheckDigit } from './org-number.js';
import { PersonalId, personalIdCheckDigits } from './personal-id.js';
import { EmailAddress, isAsciiAddress, isSharedMailbox, sharedMailboxNames } from './email-address.js';
import { parseDisplayName } from './office.js';
import { counties, countyNames, CountyCodec, isCounty, parseCounty, type County } from './county.js';

/*
 * The rules that the codecs check by hand, character by character, for speed (every stored event is
 * decoded through them on each read), each held to the regular expression or the code it replaced,
 * kept here as the oracle: on random text and on near-misses of valid values.
 */

const runs = 3000;
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Text mostly of `alphabet`, with any UTF-16 code unit now and then. */
const textOf = (alphabet: string, maxLength = 40) =>
  fc.array(fc.oneof({ arbitrary: fc.constantFrom(...alphabet), weight: 9 }, { arbitrary: anyUnit, weight: 1 }), { maxLength }).map((units) => units.join(''));
/** `valid`, and valid values with one unit inserted, replaced or removed. */
const nearMisses = (valid: fc.Arbitrary<string>, alphabet: string) =>
  fc.oneof(
    valid,
    fc.tuple(valid, fc.nat(), fc.oneof(fc.constantFrom(...alphabet), anyUnit), fc.constantFrom(0, 1, 2)).map(([s, at, unit, how]) => {
      const i = s.length === 0 ? 0 : at % (s.length + (how === 0 ? 1 : 0));
      return how === 0 ? s.slice(0, i) + unit + s.slice(i) : how === 1 ? s.slice(0, i) + unit + s.slice(i + 1) : s.slice(0, i) + s.slice(i + 1);
    }),
  );

describe('contract and order ids', () => {
  const fine = /^(?!.*\d{11})[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
  const shape = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
  const elevenDigits = /\d{11}/;
  const byRegex = (s: string) =>
    fine.test(s) ? s
    : !shape.test(s) ? { rule: 'must be 1–64 letters (a–z), digits, ".", "_", ":" or "-", starting with a letter or digit' }
    : elevenDigits.test(s) ? { rule: 'must not contain 11 digits in a row (a contract id must never carry a fødselsnummer)' }
    : s;
  const orderIdShape = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}\/\d{1,4}$/;
  const alphabet = 'aZ0123456789012345678901234567890123456789._:-/ \n`@[{';
  const ids = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
  const orderIds = fc.tuple(ids, fc.stringMatching(/^\d{1,5}$/)).map(([id, n]) => `${id}/${n}`);

  test.prop([fc.oneof(textOf(alphabet, 70), nearMisses(ids, alphabet), fc.stringMatching(/^[A-Z]{0,4}\d{8,14}[a-z]{0,60}$/))], { numRuns: runs })(
    'parseContractId answers what the regular expressions answered',
    (s) => {
    expect(parseContractId(s)).toEqual(byRegex(s));
  },
  );

  test.prop([fc.oneof(textOf(alphabet, 75), nearMisses(orderIds, alphabet))], { numRuns: runs })('an order id is what the regular expression accepted', (s) => {
    expect(OrderIdCodec.is(s)).toBe(orderIdShape.test(s));
  },
  );

  it('holds at the length limits and at every code unit', () => {
    for (const s of ['a'.repeat(64), 'a'.repeat(65), `${'a'.repeat(64)}/1`, `${'a'.repeat(65)}/1`, 'a/12345', '/1', 'a/', '1234567890a1234567890', '12345678901']) {
      expect(parseContractId(s)).toEqual(byRegex(s));
      expect(OrderIdCodec.is(s)).toBe(orderIdShape.test(s));
    }
    for (let c = 0; c <= 0xffff; c++) {
      const unit = String.fromCharCode(c);
      for (const s of [unit, `a${unit}`, `a${unit}/1`, `a/1${unit}`]) {
        expect(parseContractId(s)).toEqual(byRegex(s));
        expect(OrderIdCodec.is(s)).toBe(orderIdShape.test(s));
      }
    }
  });
});

describe('dates, organisation numbers and fødselsnummer', () => {
  const oldLocalDate = (s: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return { rule: 'must be a date in the form YYYY-MM-DD' };
    const year = Number(s.slice(0, 4));
    const month = Number(s.slice(5, 7));
    const day = Number(s.slice(8, 10));
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? s : { rule: 'must be a real calendar date' };
  };
  const oldOrgNumber = (raw: string) => {
    const s = raw.replace(/[\s.]/g, '');
    if (!/^\d{9}$/.test(s)) return { rule: 'must be 9 digits' };
    if (s[0] !== '8' && s[0] !== '9') return { rule: 'must start with 8 or 9' };
    if (orgNumberCheckDigit(s) !== Number(s[8])) return { rule: 'must end with a valid mod-11 check digit' };
    return s;
  };
  const birthYear = (yy: number, individual: number): number | undefined => {
    if (individual <= 499) return 1900 + yy;
    if (individual <= 749 && yy >= 54) return 1800 + yy;
    if (individual >= 500 && yy <= 39) return 2000 + yy;
    if (individual >= 900 && yy >= 40) return 1900 + yy;
    return undefined;
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  const oldPersonalId = (raw: string) => {
    const s = raw.replace(/\s/g, '');
    if (!/^\d{11}$/.test(s)) return { rule: 'must be 11 digits' };
    if (personalIdCheckDigits(s.slice(0, 9)) !== s.slice(9)) return { rule: 'must end with two valid mod-11 check digits' };
    let day = Number(s.slice(0, 2));
    let month = Number(s.slice(2, 4));
    const kind = day > 40 ? 'dnr' : 'fnr';
    if (kind === 'dnr') day -= 40;
    if (month > 80) month -= 80;
    else if (month > 40) month -= 40;
    const year = birthYear(Number(s.slice(4, 6)), Number(s.slice(6, 9)));
    if (year === undefined || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { rule: 'must begin with a valid date of birth' };
    return { value: s, kind, birthDate: `${year}-${pad(month)}-${pad(day)}` };
  };
  const newPersonalId = (raw: string) => {
    const parsed = PersonalId.parse(raw);
    return parsed instanceof PersonalId ? { value: parsed.reveal(), kind: parsed.kind, birthDate: parsed.birthDate } : parsed;
  };
  const digits = '0123456789';
  /** Nine digits and their check digits, so that the date and check-digit rules are reached. */
  const withCheckDigits = fc.stringMatching(/^\d{9}$/).map((nine) => nine + (personalIdCheckDigits(nine) ?? '00'));

  test.prop([fc.oneof(textOf(`${digits}-- `, 12), nearMisses(fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/), `${digits}-`))], { numRuns: runs })(
    'parseLocalDate answers what the regular expression and Number answered',
    (s) => {
    expect(parseLocalDate(s)).toEqual(oldLocalDate(s));
  },
  );

  test.prop([fc.oneof(textOf(`${digits}98. \t`, 12), nearMisses(fc.stringMatching(/^[89]\d{8}$/), `${digits}. `))], { numRuns: runs })(
    'parseOrgNumber answers what it answered before its fast path',
    (s) => {
    expect(parseOrgNumber(s)).toEqual(oldOrgNumber(s));
  },
  );

  test.prop([fc.oneof(textOf(`${digits} \u00A0`, 14), nearMisses(withCheckDigits, `${digits} `), withCheckDigits)], { numRuns: runs })(
    'PersonalId.parse answers what it answered before its fast path: the number, kind and date of birth, or the rule',
    (s) => {
    expect(newPersonalId(s)).toEqual(oldPersonalId(s));
  },
  );

  const oldCanonicalInstant = (s: string): boolean => {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s)) return false;
    const [year, month, day, hours, minutes, seconds] = [s.slice(0, 4), s.slice(5, 7), s.slice(8, 10), s.slice(11, 13), s.slice(14, 16), s.slice(17, 19)].map(Number) as [number, number, number, number, number, number];
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hours <= 23 && minutes <= 59 && seconds <= 59;
  };
  const instants = fc.stringMatching(/^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-6]\d:[0-6]\d\.\d{3}Z$/);

  test.prop([fc.oneof(nearMisses(instants, `${digits}-T:.Z`), instants, textOf(`${digits}-T:.Z`, 26))], { numRuns: runs })(
    'an instant is canonical exactly when the regular expression and a real-date check say so',
    (s) => {
      expect(InstantCodec.is(s)).toBe(oldCanonicalInstant(s));
    },
  );

  it('holds at every code unit in a date, an organisation number and a fødselsnummer', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const unit = String.fromCharCode(c);
      expect(parseLocalDate(`2026-0${unit}-01`)).toEqual(oldLocalDate(`2026-0${unit}-01`));
      expect(parseOrgNumber(`97476067${unit}`)).toEqual(oldOrgNumber(`97476067${unit}`));
      expect(newPersonalId(`0101075016${unit}`)).toEqual(oldPersonalId(`0101075016${unit}`));
      for (const s of [`2026-08-04T07:00:00.00${unit}Z`, `2026-08-04T07:00:0${unit}.000Z`, `2026-08-04T07${unit}00:00.000Z`, `${unit}026-08-04T07:00:00.000Z`]) expect(InstantCodec.is(s)).toBe(oldCanonicalInstant(s));
    }
  });
});

describe('e-mail addresses', () => {
  const asciiSyntax = /^[a-z0-9._%+'-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
  const oldShared = (address: string): boolean => {
    const local = address.slice(0, address.indexOf('@')).split('+')[0]!;
    if (sharedMailboxNames.has(local)) return true;
    const head = local.split(/[.\-_]/)[0]!;
    return head !== local && (head === 'post' || head === 'postmottak' || head === 'firmapost');
  };
  const alphabet = "abz09._%+'-@@..--A å";
  const addresses = fc.stringMatching(/^[a-z0-9._%+'-]{1,66}@(?:[a-z0-9-]{0,64}\.){0,3}[a-z0-9-]{0,65}$/);
  const shared = fc
    .tuple(fc.constantFrom(...sharedMailboxNames, 'post', 'postmottak', 'firmapost', 'posten', 'kari'), fc.constantFrom('', '.', '-', '_', '+'), fc.stringMatching(/^[a-z0-9._+-]{0,8}$/))
    .map(([name, sep, rest]) => `${name}${sep}${rest}@bedrift.no`);

  test.prop([fc.oneof(textOf(alphabet, 90), nearMisses(addresses, alphabet), addresses)], { numRuns: runs })(
    'isAsciiAddress accepts what the regular expression accepted',
    (s) => {
    expect(isAsciiAddress(s)).toBe(asciiSyntax.test(s));
  },
  );

  test.prop([fc.oneof(shared, nearMisses(shared, '.-_+@a'))], { numRuns: runs })('isSharedMailbox answers what it answered before', (s) => {
    fc.pre(asciiSyntax.test(s));
    expect(isSharedMailbox(s)).toBe(oldShared(s));
  });

  it('holds at the length limits', () => {
    for (const s of [`${'a'.repeat(64)}@b.no`, `${'a'.repeat(65)}@b.no`, `a@${'b'.repeat(63)}.no`, `a@${'b'.repeat(64)}.no`, `a@b.${'c'.repeat(63)}`, `a@b.${'c'.repeat(64)}`, 'a@-b.no', 'a@b-.no', 'a@b..no', 'a@.no', 'a@no', 'a@b.n', '@b.no']) {
      expect(isAsciiAddress(s)).toBe(asciiSyntax.test(s));
    }
    expect(EmailAddress.registered('post.oslo+x@bedrift.no').kind).toBe('shared');
    expect(EmailAddress.registered('poster@bedrift.no').kind).toBe('personal');
  });
});

describe('display names', () => {
  const tidy = /^\S(?:\S| (?! ))*$/;
  const oldDisplayName = (raw: string) => {
    if (raw.length <= 200 && tidy.test(raw)) return raw;
    const s = raw.trim().replace(/\s+/g, ' ');
    if (s.length === 0) return { rule: 'must not be empty' };
    if (s.length > 200) return { rule: 'must be at most 200 characters' };
    return s;
  };
  const spaces = ' \t\n\u000B\u000C\r\u00A0\u1680\u2000\u200A\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF\u0085\u180E';

  test.prop([textOf(`ab${spaces}  `, 30)], { numRuns: runs })('parseDisplayName answers what the regular expression answered', (s) => {
    expect(parseDisplayName(s)).toEqual(oldDisplayName(s));
  },
  );

  it('holds at every code unit and at the length limit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const unit = String.fromCharCode(c);
      for (const s of [unit, `a${unit}`, `a${unit}b`, `a ${unit}`]) expect(parseDisplayName(s)).toEqual(oldDisplayName(s));
    }
    for (const s of ['a'.repeat(200), 'a'.repeat(201), ` ${'a'.repeat(200)}`]) expect(parseDisplayName(s)).toEqual(oldDisplayName(s));
  });
});

describe('counties', () => {
  const oldParse = (s: string) =>
    countyNames.find((name) => name.toLocaleLowerCase('nb') === s.trim().toLocaleLowerCase('nb')) ??
    countyNames.find((name) => counties[name] === s.trim()) ?? { rule: `must be one of Norway's counties (${countyNames.join(', ')})` };

  test.prop([fc.oneof(fc.constantFrom<string>(...countyNames, ...Object.values(counties), 'østfold', ' Oslo ', 'toString', 'constructor', '__proto__'), textOf('Osløo 0123', 8))])(
    'parseCounty answers what it answered before its fast path',
    (s) => {
    expect(parseCounty(s)).toEqual(oldParse(s));
  },
  );

  it('is a county only by its own name, not by a name every object answers to', () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf']) {
      expect(isCounty(name)).toBe(false);
      expect(CountyCodec.is(name)).toBe(false);
    }
    for (const name of countyNames) expect(isCounty(name satisfies County)).toBe(true);
  });
});
