import type { RegisterContract } from '../contract/commands.js';
import { parseContractId, type ContractId } from '../model/contract-id.js';
import type { County } from '../model/county.js';
import type { ContractType } from '../model/contract-type.js';
import { EmailAddress } from '../model/email-address.js';
import { MobileNumber } from '../model/mobile-number.js';
import type { DisplayName, Office } from '../model/office.js';
import { orgNumberCheckDigit, type OrgNumber } from '../model/org-number.js';
import type { PartyRole } from '../model/party-role.js';
import type { Party } from '../model/party.js';
import { PersonalId, personalIdCheckDigits } from '../model/personal-id.js';
import type { LocalDate } from '../model/time.js';

/*
 * Deterministic sample data for tests, examples and the demo: valid, synthetic, and the same every
 * run. `seed` varies the personal values so that two sample contracts never share a contact.
 */

/** A valid synthetic organisation number derived from `seed`. */
export const sampleOrgNumber = (seed: number): OrgNumber => {
  for (let n = seed; ; n++) {
    const eight = `9${String(10_000_000 + (n % 9_000_000) * 7).slice(-7)}`;
    const check = orgNumberCheckDigit(eight);
    if (check !== undefined) return `${eight}${check}` as OrgNumber;
  }
};

/** A valid synthetic fødselsnummer for someone born on `birthDate` (YYYY-MM-DD), varied by `seed`. */
export const samplePersonalId = (birthDate: string, seed: number): PersonalId => {
  const [year, month, day] = birthDate.split('-');
  const century = Number(year) >= 2000 ? 500 : 0;
  for (let i = 0; i < 500; i++) {
    const individual = String(century + ((seed * 37 + i) % 500)).padStart(3, '0');
    const nine = `${day}${month}${year!.slice(2)}${individual}`;
    const check = personalIdCheckDigits(nine);
    if (check !== undefined) return PersonalId.parse(nine + check) as PersonalId;
  }
  throw new Error('no valid check digits for this birth date');
};

/** A Norwegian mobile number: every 8-digit number that starts with 9 is in a range given to an operator. */
export const sampleMobile = (seed: number): MobileNumber => MobileNumber.registered(`9${String(1_000_000 + seed * 7919).slice(-7)}`);

/** An opplæringskontor called `name` with a synthetic organisation number derived from `seed`. */
export const sampleOffice = (name: string, seed: number): Office => ({
  orgNumber: sampleOrgNumber(seed),
  name: name as DisplayName,
  kind: 'opplaeringskontor',
});

export interface SampleContractOptions {
  readonly contractId: string;
  readonly county?: County;
  readonly office?: Office;
  readonly contractType?: ContractType;
  readonly startDate?: string;
  /** Varies every personal value; two contracts with different seeds share no contact. */
  readonly seed?: number;
  readonly apprenticeBirthDate?: string;
  /** Replace or remove (undefined) fields of a party: `{ 'faglig-leder': { email: undefined } }`. */
  readonly parties?: Partial<Record<PartyRole, Partial<Party> | null>>;
  readonly extraParties?: readonly Party[];
}

/** A complete, valid registration that passes the pre-flight check unless `parties` breaks it. */
export const sampleRegistration = (options: SampleContractOptions): RegisterContract => {
  const seed = options.seed ?? 1;
  const contractType = options.contractType ?? 'laerekontrakt';
  const apprenticeRole = contractType === 'laerekontrakt' ? 'laerling' : 'kandidat';
  const domain = `firma${seed}.no`;
  const base: Party[] = [
    {
      role: apprenticeRole,
      name: 'Ola Nordmann' as DisplayName,
      personalId: samplePersonalId(options.apprenticeBirthDate ?? '2007-05-14', seed),
      mobile: sampleMobile(seed),
    },
    { role: 'faglig-leder', name: 'Kari Fagleder' as DisplayName, email: EmailAddress.registered(`kari.fagleder@${domain}`) },
    { role: 'daglig-leder', name: 'Per Daglig' as DisplayName, email: EmailAddress.registered(`per.daglig@${domain}`) },
  ];
  const parties = [...base, ...(options.extraParties ?? [])].flatMap((party): Party[] => {
    const change = options.parties?.[party.role];
    if (change === null) return [];
    if (change === undefined) return [party];
    const merged: Record<string, unknown> = { ...party };
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) delete merged[key];
      else merged[key] = value;
    }
    return [merged as Party];
  });
  const contractId = parseContractId(options.contractId);
  if (typeof contractId !== 'string') throw new Error(`sampleRegistration: contract id ${contractId.rule}`);
  return {
    type: 'RegisterContract',
    contractId: contractId as ContractId,
    county: options.county ?? 'Telemark',
    office: options.office ?? sampleOffice('Opplæringskontoret for Bilfag', seed),
    contractType,
    startDate: (options.startDate ?? '2026-09-01') as LocalDate,
    parties,
  };
};
