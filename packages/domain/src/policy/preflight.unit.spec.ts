import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { preflight, blockingProblems } from './preflight.js';
import { signersFor } from './signers.js';
import { defaultPolicy } from './signing-policy.js';
import { decide } from '../contract/decide.js';
import { replay } from '../contract/replay.js';
import { EmailAddress } from '../model/email-address.js';
import { MobileNumber } from '../model/mobile-number.js';
import type { DisplayName } from '../model/office.js';
import type { LocalDate } from '../model/time.js';
import { sampleRegistration, sampleMobile, type SampleContractOptions } from '../testing/sample-contract.js';

const now = DateTime.fromISO('2026-08-03T09:00', { zone: 'Europe/Oslo' });

const contractOf = (options: Partial<SampleContractOptions>) => {
  const decision = decide(sampleRegistration({ contractId: 'PF-1', ...options }), replay([]), { now });
  if (decision._tag === 'Left') throw decision.left;
  return replay(decision.right).contract!;
};

const codes = (options: Partial<SampleContractOptions>, policy = defaultPolicy) =>
  preflight(contractOf(options), policy, now).map((p) => `${p.severity}:${p.code}${p.role ? `:${p.role}` : ''}`);

describe('the pre-flight check', () => {
  it('says a number that does not exist does not exist, apart from a number that is no mobile', () => {
    const [unallocated] = preflight(contractOf({ parties: { laerling: { mobile: MobileNumber.registered('+47 49 12 34 56') } } }), defaultPolicy, now);
    expect(unallocated!.message).toEqual({
      nb: 'Mobilnummeret til lærling finnes ikke: det er i en nummerserie som ikke er tildelt noen operatør.',
      en: "The apprentice's mobile number does not exist: it is in a range that no operator has been given.",
    });
    const [landline] = preflight(contractOf({ parties: { laerling: { mobile: MobileNumber.registered('22 12 34 56') } } }), defaultPolicy, now);
    expect(landline!.message.nb).toBe('Mobilnummeret til lærling er ugyldig: det er et fasttelefonnummer, ikke et mobilnummer.');
  });

  it('finds nothing wrong with a complete, correct contract', () => {
    expect(codes({})).toEqual([]);
  });

  it.each<[string, Partial<SampleContractOptions>, string[]]>([
    ['no mobile for the apprentice', { parties: { laerling: { mobile: undefined } } }, ['blocking:mobile-missing:laerling']],
    ['a landline number', { parties: { laerling: { mobile: MobileNumber.registered('35 58 10 00') } } }, ['blocking:mobile-invalid:laerling']],
    ['a number in a range no operator has', { parties: { laerling: { mobile: MobileNumber.registered('42 12 34 56') } } }, ['blocking:mobile-unallocated:laerling']],
    ['a voicemail number', { parties: { laerling: { mobile: MobileNumber.registered('81234567') } } }, ['blocking:mobile-invalid:laerling']],
    ['a Swedish number', { parties: { laerling: { mobile: MobileNumber.registered('+46 70 123 45 67') } } }, ['warning:mobile-foreign:laerling']],
    ['no fødselsnummer', { parties: { laerling: { personalId: undefined } } }, ['warning:personal-id-missing:laerling']],
    ['no e-mail for the faglig leder', { parties: { 'faglig-leder': { email: undefined } } }, ['blocking:email-missing:faglig-leder']],
    ['a shared mailbox for the daglig leder', { parties: { 'daglig-leder': { email: EmailAddress.registered('postmottak@firma1.no') } } }, ['blocking:email-shared-mailbox:daglig-leder']],
    ['a broken address', { parties: { 'faglig-leder': { email: EmailAddress.registered('kari.fagleder@') } } }, ['blocking:email-invalid:faglig-leder']],
    ['no daglig leder', { parties: { 'daglig-leder': null } }, ['blocking:daglig-leder-missing:daglig-leder']],
    ['no apprentice', { parties: { laerling: null } }, ['blocking:apprentice-missing:laerling']],
    ['a start date that has passed', { startDate: '2026-08-01' }, ['warning:start-date-past']],
    ['the same e-mail for two leaders', { parties: { 'daglig-leder': { email: EmailAddress.registered('kari.fagleder@firma1.no') } } }, ['blocking:contact-shared:daglig-leder']],
  ])('%s', (_what, options, expected) => {
    expect(codes(options)).toEqual(expected);
  });

  it('a shared contact counts only between signers: a guardian who does not sign may share the apprentice\'s mobile', () => {
    const guardian = { role: 'foresatt' as const, name: 'Anne Nordmann' as DisplayName, mobile: sampleMobile(1) }; // the apprentice's number
    expect(codes({ extraParties: [guardian] })).toEqual([]);
    expect(codes({ apprenticeBirthDate: '2009-03-01', extraParties: [guardian] }, { ...defaultPolicy, guardianSignsForMinors: true })).toEqual(['blocking:contact-shared:foresatt']);
  });

  it('reports every problem at once, in a stable order', () => {
    expect(codes({ startDate: '2026-07-01', parties: { laerling: { mobile: undefined, personalId: undefined }, 'faglig-leder': { email: EmailAddress.registered('info@firma1.no') }, 'daglig-leder': null } })).toEqual([
      'blocking:mobile-missing:laerling',
      'warning:personal-id-missing:laerling',
      'blocking:email-shared-mailbox:faglig-leder',
      'blocking:daglig-leder-missing:daglig-leder',
      'warning:start-date-past',
    ]);
  });

  it('asks for a guardian only where the policy does and the apprentice is under 18', () => {
    const guardianPolicy = { ...defaultPolicy, guardianSignsForMinors: true };
    expect(codes({ apprenticeBirthDate: '2009-03-01' }, guardianPolicy)).toEqual(['blocking:guardian-missing:foresatt']);
    expect(codes({ apprenticeBirthDate: '2008-08-03' }, guardianPolicy)).toEqual([]); // 18 today
    expect(codes({ apprenticeBirthDate: '2009-03-01' })).toEqual([]);
    const withGuardian = { apprenticeBirthDate: '2009-03-01', extraParties: [{ role: 'foresatt' as const, name: 'Anne Nordmann' as DisplayName, mobile: sampleMobile(99) }] };
    expect(codes(withGuardian, guardianPolicy)).toEqual([]);
    expect(signersFor(contractOf(withGuardian), guardianPolicy, '2026-08-03' as LocalDate).map((s) => s.role)).toEqual(['laerling', 'faglig-leder', 'daglig-leder', 'foresatt']);
  });

  it('needs the county\'s signer where the county signs last, and puts it in the last group', () => {
    const policy = { ...defaultPolicy, countySignsLast: true };
    expect(codes({}, policy)).toEqual(['blocking:county-signer-missing:fylkeskommune']);
    const withCounty = { extraParties: [{ role: 'fylkeskommune' as const, name: 'Fagopplæringen' as DisplayName, email: EmailAddress.registered('signering.fagopplaering@fylke.no') }] };
    expect(codes(withCounty, policy)).toEqual([]);
    expect(signersFor(contractOf(withCounty), policy, '2026-08-03' as LocalDate).map((s) => [s.role, s.group])).toEqual([
      ['laerling', 1], ['faglig-leder', 1], ['daglig-leder', 1], ['fylkeskommune', 2],
    ]);
    const grouped = { ...policy, signerGroups: { 'daglig-leder': 3, 'faglig-leder': 2 } };
    expect(signersFor(contractOf(withCounty), grouped, '2026-08-03' as LocalDate).map((s) => [s.role, s.group])).toEqual([
      ['laerling', 1], ['faglig-leder', 2], ['daglig-leder', 3], ['fylkeskommune', 4],
    ]);
  });

  it('writes every message in bokmål and English without the contact data itself', () => {
    const problems = preflight(contractOf({ parties: { laerling: { mobile: MobileNumber.registered('12345678') }, 'faglig-leder': { email: EmailAddress.registered('post@firma1.no') } } }), defaultPolicy, now);
    expect(blockingProblems(problems)).toHaveLength(2);
    for (const p of problems) {
      expect(p.message.nb).not.toMatch(/12345678|post@/);
      expect(p.message.en).not.toMatch(/12345678|post@/);
    }
    expect(problems[0]!.message.nb).toBe('Mobilnummeret til lærling finnes ikke: det er i en nummerserie som ikke er tildelt noen operatør.');
  });
});
