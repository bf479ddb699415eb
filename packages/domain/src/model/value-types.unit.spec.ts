import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { MobileNumber, MobileNumberCodec, RegisteredMobileCodec } from './mobile-number.js';
import { EmailAddress, EmailAddressCodec } from './email-address.js';
import { PersonalId, PersonalIdCodec, personalIdCheckDigits } from './personal-id.js';
import { parseOrgNumber } from './org-number.js';
import { ContractIdCodec, contractStreamName, parseContractId } from './contract-id.js';
import { CountyCodec, parseCounty } from './county.js';
import { InstantCodec, LocalDateCodec } from './time.js';
import { OfficeCodec } from './office.js';
import { violations } from './codec-kit.js';
import { foreignMobileTextArb, invalidMobileTextArb, norwegianMobileTextArb, unallocatedMobileTextArb, personalIdArb, orgNumberArb, contractIdArb } from '../testing/arbitraries.js';

const rule = (codec: t.Decoder<unknown, unknown>, input: unknown) => {
  const result = codec.decode(input);
  if (!isLeft(result)) throw new Error('expected a decode failure');
  return violations(result.left);
};

describe('MobileNumber', () => {
  it.each([
    ['91234567', '+4791234567'],
    ['+47 912 34 567', '+4791234567'],
    ['0047 41234567', '+4741234567'],
    ['4791234567', '+4791234567'],
    ['47123456', '+4747123456'], // 8 digits that start with 47 are a number, not a prefix
    ['(+47) 412-34-567', '+4741234567'],
  ])('normalises %s to %s', (input, expected) => {
    const m = MobileNumber.registered(input);
    expect([m.kind, m.reveal()]).toEqual(['norwegian', expected]);
  });

  it.each([
    ['22123456', 'a fixed-line number, not a mobile number'],
    ['81234567', 'a voicemail number, not a mobile number'],
    ['80012345', 'a toll-free number, not a mobile number'],
    ['9123456', 'has 8 digits'],
    ['+47 9123 456', 'has 8 digits'],
    ['ring meg', 'must contain only digits'],
    ['+00123456789', 'no country has that calling code'],
    ['+46 8 123 456 78', 'a fixed-line number, not a mobile number'],
  ])('refuses %s: %s', (input, expected) => {
    const parsed = MobileNumber.parse(input);
    expect('rule' in parsed && parsed.rule).toContain(expected);
    expect(MobileNumber.registered(input).kind).toBe('invalid');
  });

  it.each(['42123456', '+47 43 12 34 56', '0047 44123456', '49123456', '45361234'])('says %s does not exist: no operator has been given its range', (input) => {
    const m = MobileNumber.registered(input);
    expect(m.kind).toBe('unallocated');
    expect(m.why?.nb).toContain('ikke er tildelt');
    const parsed = MobileNumber.parse(input);
    expect('rule' in parsed && parsed.rule).toContain('does not exist');
  });

  it('treats an international mobile number as deliverability unknown, not invalid, and stores it in E.164 form', () => {
    const m = MobileNumber.registered('+46 (0)70 123 45 67');
    expect([m.kind, m.reveal()]).toEqual(['foreign', '+46701234567']);
    expect(MobileNumberCodec.is(m)).toBe(true);
  });

  test.prop([norwegianMobileTextArb])('every Norwegian form normalises to +47 and 8 digits, and the stored form reads back the same', (text) => {
    const m = MobileNumber.registered(text);
    expect(m.kind).toBe('norwegian');
    expect(m.reveal()).toMatch(/^\+47\d{8}$/);
    expect(MobileNumber.registered(m.reveal()).reveal()).toBe(m.reveal());
  });

  test.prop([foreignMobileTextArb])('foreign mobile numbers stay foreign', (text) => {
    expect(MobileNumber.registered(text).kind).toBe('foreign');
  });

  test.prop([fc.oneof(invalidMobileTextArb, unallocatedMobileTextArb)])('invalid and unallocated numbers are refused by the strict codec with a rule, never the number', (text) => {
    const [v] = rule(MobileNumberCodec, text);
    expect(v!.rule).not.toContain(text.trim());
    expect(RegisteredMobileCodec.decode(text)).toMatchObject({ _tag: 'Right', right: { kind: expect.stringMatching(/^(invalid|unallocated)$/) } });
  });

  it('never shows the number in toString, JSON or a template string', () => {
    const m = MobileNumber.registered('91234567');
    expect(`${m}`).toBe('[mobile: redacted]');
    expect(JSON.stringify({ m })).toBe('{"m":"[mobile: redacted]"}');
    expect(RegisteredMobileCodec.encode(m)).toBe('+4791234567');
  });
});

describe('EmailAddress', () => {
  it.each([
    ['post@bedrift.no', 'shared'],
    ['Postmottak@Kommune.no', 'shared'],
    ['firmapost@bedrift.no', 'shared'],
    ['info+signering@bedrift.no', 'shared'],
    ['post.skien@bedrift.no', 'shared'],
    ['kontakt@bedrift.no', 'shared'],
    ['kari.nordmann@bedrift.no', 'personal'],
    ['postbud.per@bedrift.no', 'personal'],
    ['ola@blåbær.no', 'personal'],
  ])('%s is %s', (input, kind) => expect(EmailAddress.registered(input).kind).toBe(kind));

  it.each(['kari', 'kari@', '@bedrift.no', 'kari nordmann@bedrift.no', 'kari@bedrift', 'kari..n@bedrift.no'])('%s is invalid', (input) => {
    expect(EmailAddress.registered(input).kind).toBe('invalid');
    expect(rule(EmailAddressCodec, input)[0]!.rule).toBe('must be an e-mail address such as name@company.no');
  });

  it('lower-cases and trims', () => expect(EmailAddress.registered('  Kari@Bedrift.NO ').reveal()).toBe('kari@bedrift.no'));
});

describe('PersonalId', () => {
  test.prop([personalIdArb()])('generated fødselsnumre and D-numre parse, with their date of birth', (id) => {
    const again = PersonalId.parse(id.reveal());
    expect(again).toBeInstanceOf(PersonalId);
    expect((again as PersonalId).birthDate).toBe(id.birthDate);
  });

  test.prop([personalIdArb(), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 })])(
    'changing any one digit breaks a check digit or the date',
    (id, position, delta) => {
      const digits = id.reveal().split('');
      digits[position] = String((Number(digits[position]) + delta) % 10);
      const parsed = PersonalId.parse(digits.join(''));
      expect(parsed).not.toBeInstanceOf(PersonalId);
    },
  );

  it('knows a D-nummer and reads its date', () => {
    // a D-nummer adds 4 to the first digit of the day: 41 01 80 is 1 January 1980
    const individual = [...Array(500).keys()].map((i) => `410180${String(i).padStart(3, '0')}`).find((nine) => personalIdCheckDigits(nine));
    const id = PersonalId.parse(individual! + personalIdCheckDigits(individual!)!);
    expect(id).toMatchObject({ kind: 'dnr', birthDate: '1980-01-01' });
  });

  it('names the rule and never the number', () => {
    expect(rule(PersonalIdCodec, '12345678901')[0]).toEqual({ path: '(root)', rule: 'must end with two valid mod-11 check digits' });
    expect(rule(PersonalIdCodec, '1234')[0]!.rule).toBe('must be 11 digits');
    expect(String(PersonalId.parse('01010012356'))).not.toContain('01010012356');
  });
});

describe('organisation number, contract id, county, time', () => {
  test.prop([orgNumberArb])('generated organisation numbers have a valid check digit', (n) => {
    expect(parseOrgNumber(n)).toBe(n);
  });

  it('refuses an organisation number with a wrong check digit', () => {
    expect(parseOrgNumber('974 760 673')).toBe('974760673'); // Brønnøysundregistrene's own number
    expect(parseOrgNumber('974760674')).toEqual({ rule: 'must end with a valid mod-11 check digit' });
    expect(rule(OfficeCodec, { orgNumber: '12', name: '', kind: 'skole' })).toEqual([
      { path: 'orgNumber', rule: 'must be 9 digits' },
      { path: 'name', rule: 'must not be empty' },
      { path: 'kind', rule: 'must be OfficeKind' },
    ]);
  });

  test.prop([contractIdArb])('a contract id names a stream that holds no personal data', (id) => {
    expect(ContractIdCodec.is(id)).toBe(true);
    expect(contractStreamName(id)).toBe(`contract-${id}`);
  });

  it('refuses a contract id that could carry a fødselsnummer', () => {
    expect(parseContractId('LK-01010012356')).toEqual({ rule: 'must not contain 11 digits in a row (a contract id must never carry a fødselsnummer)' });
    expect(parseContractId('')).toMatchObject({ rule: expect.stringContaining('1–64') });
  });

  it('reads a county by name in any case or by number', () => {
    expect(parseCounty('østfold')).toBe('Østfold');
    expect(parseCounty('40')).toBe('Telemark');
    expect(isRight(CountyCodec.decode('Viken'))).toBe(false); // split up in 2024
  });

  it('keeps instants canonical and refuses times without an offset', () => {
    expect(InstantCodec.decode('2026-03-29T03:00:00+02:00')).toEqual({ _tag: 'Right', right: '2026-03-29T01:00:00.000Z' });
    expect(rule(InstantCodec, '2026-03-29T03:00:00')[0]!.rule).toContain('with an offset');
    expect(rule(InstantCodec, '2026-02-30T00:00:00.000Z')[0]!.rule).toBe('must be a real date and time');
    for (const bad of ['2026-02-29T10:00:00.000Z', '2026-08-03T24:00:00.000Z', '2026-08-03T10:60:00.000Z', '2026-13-03T10:00:00.000Z', '2026-08-00T10:00:00.000Z']) {
      expect(rule(InstantCodec, bad)[0]!.rule).toBe('must be a real date and time');
    }
    expect(InstantCodec.decode('2028-02-29T23:59:59.999Z')).toEqual({ _tag: 'Right', right: '2028-02-29T23:59:59.999Z' });
    expect(InstantCodec.is('2026-08-03T10:00:00.000Z')).toBe(true);
    expect(InstantCodec.is('2026-08-03T10:00:00Z')).toBe(false);
    expect(rule(LocalDateCodec, '2026-02-29')[0]!.rule).toBe('must be a real calendar date');
    expect(isRight(LocalDateCodec.decode('2028-02-29'))).toBe(true);
  });
});
