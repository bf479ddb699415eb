import fc from 'fast-check';
import { DateTime } from 'luxon';
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';
import type { ContractCommand } from '../contract/commands.js';
import { signerFailureCauses } from '../contract/causes.js';
import type { ContractId, OrderId } from '../model/contract-id.js';
import { orderIdFor } from '../model/contract-id.js';
import { countyNames, type County } from '../model/county.js';
import type { ContractType } from '../model/contract-type.js';
import { EmailAddress, sharedMailboxNames } from '../model/email-address.js';
import { MobileNumber } from '../model/mobile-number.js';
import type { Company, DisplayName, Office } from '../model/office.js';
import { orgNumberCheckDigit, type OrgNumber } from '../model/org-number.js';
import type { PartyRole } from '../model/party-role.js';
import type { Party } from '../model/party.js';
import { PersonalId, personalIdCheckDigits } from '../model/personal-id.js';
import { instantOf, osloZone, type Instant, type LocalDate } from '../model/time.js';
import { preflightCodes } from '../policy/preflight-codes.js';

/*
 * fast-check arbitraries for contracts, parties, contact data and commands, so a county system can
 * property-test its own integration. Every personal value is synthetic.
 */

/** One of the counties fagsign knows (`countyNames`). */
export const countyArb: fc.Arbitrary<County> = fc.constantFrom(...countyNames);
/** A lærekontrakt or an opplæringskontrakt. */
export const contractTypeArb: fc.Arbitrary<ContractType> = fc.constantFrom('laerekontrakt', 'opplaeringskontrakt');

/** Contract ids as Vigo writes them: `LK-2026-000123`, `OK-…`, `K-…`. */
export const contractIdArb: fc.Arbitrary<ContractId> = fc
  .tuple(fc.constantFrom('LK', 'OK', 'K'), fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 999_999 }))
  .map(([prefix, year, n]) => `${prefix}-${year}-${String(n).padStart(6, '0')}` as ContractId);

/** Valid organisation numbers (nine digits, right check digit). */
export const orgNumberArb: fc.Arbitrary<OrgNumber> = fc
  .tuple(fc.constantFrom('8', '9'), fc.stringMatching(/^\d{7}$/))
  .map(([first, rest]) => first + rest)
  .filter((eight) => orgNumberCheckDigit(eight) !== undefined)
  .map((eight) => `${eight}${orgNumberCheckDigit(eight)}` as OrgNumber);

const words = ['Bilfag', 'Offentlig sektor', 'Elektro', 'Bygg', 'Helse', 'Restaurant', 'Industri', 'Grenland', 'Østfold', 'Vest-Telemark'];
/** Opplæringskontor with a valid organisation number and a plausible name. */
export const officeArb: fc.Arbitrary<Office> = fc
  .record({ orgNumber: orgNumberArb, word: fc.constantFrom(...words) })
  .map(({ orgNumber, word }) => ({ orgNumber, name: `Opplæringskontoret for ${word}` as DisplayName, kind: 'opplaeringskontor' as const }));

/** Training companies ("… AS") with a valid organisation number. */
export const companyArb: fc.Arbitrary<Company> = fc
  .record({ orgNumber: orgNumberArb, word: fc.constantFrom(...words) })
  .map(({ orgNumber, word }) => ({ orgNumber, name: `${word} AS` as DisplayName }));

const givenNames = ['Ola', 'Kari', 'Per', 'Ingrid', 'Aksel', 'Sofie', 'Jonas', 'Nora', 'Emil', 'Åse', 'Ørjan', 'Mathilde'];
const familyNames = ['Nordmann', 'Hansen', 'Olsen', 'Berg', 'Haugen', 'Dahl', 'Lie', 'Bakken', 'Sæther', 'Østby'];
/** Synthetic Norwegian full names, æ, ø and å included. */
export const personNameArb: fc.Arbitrary<DisplayName> = fc
  .tuple(fc.constantFrom(...givenNames), fc.constantFrom(...familyNames))
  .map(([g, f]) => `${g} ${f}` as DisplayName);

/** Valid synthetic fødselsnumre and D-numre, born between `fromYear` and `toYear`. */
export const personalIdArb = (fromYear = 1960, toYear = 2011): fc.Arbitrary<PersonalId> =>
  fc
    .record({
      date: fc.date({ min: new Date(Date.UTC(fromYear, 0, 1)), max: new Date(Date.UTC(toYear, 11, 31)), noInvalidDate: true }),
      individual: fc.integer({ min: 0, max: 999 }),
      dNumber: fc.boolean(),
    })
    .map(({ date, individual, dNumber }) => {
      const year = date.getUTCFullYear();
      // pick an individual number in the range that encodes this century
      const ind = year >= 2000 ? 500 + (individual % 500) : individual % 500;
      const day = date.getUTCDate() + (dNumber ? 40 : 0);
      const nine = `${pad(day)}${pad(date.getUTCMonth() + 1)}${pad(year % 100)}${String(ind).padStart(3, '0')}`;
      const check = personalIdCheckDigits(nine);
      return check === undefined ? undefined : PersonalId.parse(nine + check);
    })
    .filter((id): id is PersonalId => id instanceof PersonalId);

const pad = (n: number): string => String(n).padStart(2, '0');

/** How Vigo may hold a number: bare, +47, 0047, with or without spaces. */
const norwegianForms = (digits: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(digits, fc.constantFrom('', '+47', '0047', '+47 '), fc.boolean()).map(([eight, prefix, spaced]) => prefix + (spaced ? `${eight.slice(0, 3)} ${eight.slice(3, 5)} ${eight.slice(5)}` : eight));

const judgedByThePlan = (e164: string) => parsePhoneNumberFromString(e164);
const isMobileIn = (e164: string) => {
  const phone = judgedByThePlan(e164);
  return phone !== undefined && phone.isValid() && (phone.getType() === 'MOBILE' || phone.getType() === 'FIXED_LINE_OR_MOBILE');
};

/** Norwegian mobile numbers, in ranges the numbering plan (libphonenumber-js) gives to operators, in the forms Vigo holds. */
export const norwegianMobileTextArb: fc.Arbitrary<string> = norwegianForms(
  fc.tuple(fc.constantFrom('4', '9'), fc.stringMatching(/^\d{7}$/)).map(([first, rest]) => first + rest).filter((d) => isMobileIn(`+47${d}`)),
);

/** Eight digits starting with 4 in a range no operator has been given (42, 43, 44, 49, parts of 45): numbers nobody can receive. */
export const unallocatedMobileTextArb: fc.Arbitrary<string> = norwegianForms(
  fc.stringMatching(/^4\d{7}$/).filter((d) => judgedByThePlan(`+47${d}`)?.isValid() === false),
);

const foreignCountries: readonly CountryCode[] = ['SE', 'DK', 'FI', 'PL', 'LT', 'DE', 'GB', 'US', 'ES', 'UA'];

/** Foreign mobile numbers: a country's example mobile number from libphonenumber-js with its last digits varied, kept when the plan still calls it a mobile. */
export const foreignMobileTextArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...foreignCountries), fc.stringMatching(/^\d{3}$/), fc.constantFrom('+', '00'))
  .map(([country, tail, prefix]) => {
    const example = getExampleNumber(country, mobileExamples)!;
    return `${prefix}${example.countryCallingCode}${example.nationalNumber.slice(0, -3)}${tail}`;
  })
  .filter((text) => isMobileIn(text.replace(/^00/, '+')));

/** Numbers that are no mobile numbers: fixed lines, too few digits, text. */
export const invalidMobileTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[2-37]\d{7}$/).filter((d) => judgedByThePlan(`+47${d}`)?.getType() === 'FIXED_LINE'),
  fc.stringMatching(/^[49]\d{5,6}$/),
  fc.constantFrom('ukjent', '-', '12 34', '+47 123'),
);

/** Norwegian mobile numbers as registered `MobileNumber` values. */
export const mobileArb: fc.Arbitrary<MobileNumber> = norwegianMobileTextArb.map((s) => MobileNumber.registered(s));

const localParts = ['ola.nordmann', 'kari', 'per.hansen', 'ingrid.berg', 'aase', 'jonas.dahl', 'nora.lie', 'emil'];
const domains = ['bilfag.no', 'okos.no', 'grenland-elektro.no', 'example.no', 'bygg-as.no', 'sæther.no'];
/** Personal e-mail addresses (not shared mailboxes), as registered `EmailAddress` values. */
export const personalEmailArb: fc.Arbitrary<EmailAddress> = fc
  .tuple(fc.constantFrom(...localParts), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...domains))
  .map(([local, n, domain]) => EmailAddress.registered(`${local}${n === 0 ? '' : n}@${domain}`));

/** Shared mailboxes (post@, firmapost@, …) that the pre-flight check must catch. */
export const sharedEmailArb: fc.Arbitrary<EmailAddress> = fc
  .tuple(fc.constantFrom(...sharedMailboxNames), fc.constantFrom(...domains))
  .map(([local, domain]) => EmailAddress.registered(`${local}@${domain}`));

/** Registered e-mail texts that are not valid addresses. */
export const invalidEmailArb: fc.Arbitrary<EmailAddress> = fc
  .constantFrom('ola.nordmann', 'kari@', '@bilfag.no', 'per hansen@bilfag.no', 'nora@bilfag')
  .map((s) => EmailAddress.registered(s));

/** How `partyArb` flaws a party's contact data. */
export interface PartyOptions {
  /** Chance (0–1) that a contact field is missing, invalid or a shared mailbox. */
  readonly flaws?: number;
}

/** A party in the given role with contact data as Vigo might hold it: mostly good, sometimes flawed. */
export const partyArb = (role: PartyRole, options: PartyOptions = {}): fc.Arbitrary<Party> => {
  const flaw = Math.round((options.flaws ?? 0) * 100);
  const pick = <T>(good: fc.Arbitrary<T>, ...bad: fc.Arbitrary<T | undefined>[]): fc.Arbitrary<T | undefined> =>
    flaw === 0 ? good : fc.oneof({ weight: 100 - flaw, arbitrary: good }, ...bad.map((arbitrary) => ({ weight: Math.max(1, Math.round(flaw / bad.length)), arbitrary })));
  const usesSms = role === 'laerling' || role === 'kandidat' || role === 'foresatt';
  return fc
    .record({
      name: personNameArb,
      personalId: usesSms ? pick(personalIdArb(), fc.constant(undefined)) : fc.constant(undefined),
      mobile: usesSms
        ? pick(mobileArb, fc.constant(undefined), invalidMobileTextArb.map((s) => MobileNumber.registered(s)), unallocatedMobileTextArb.map((s) => MobileNumber.registered(s)), foreignMobileTextArb.map((s) => MobileNumber.registered(s)))
        : fc.option(mobileArb, { nil: undefined }),
      email: usesSms ? fc.option(personalEmailArb, { nil: undefined }) : pick(personalEmailArb, fc.constant(undefined), sharedEmailArb, invalidEmailArb),
    })
    .map(({ name, personalId, mobile, email }) => ({
      role,
      name,
      ...(personalId ? { personalId } : {}),
      ...(mobile ? { mobile } : {}),
      ...(email ? { email } : {}),
    }));
};

/** A date a few weeks around `around`, as a start date. */
export const startDateArb = (around: DateTime): fc.Arbitrary<LocalDate> =>
  fc.integer({ min: -10, max: 90 }).map((days) => around.setZone(osloZone).plus({ days }).toISODate() as LocalDate);

export interface RegistrationOptions extends PartyOptions {
  readonly contractId?: ContractId;
  readonly around?: DateTime;
  /** Include the county's own signer (for counties that sign last). */
  readonly withCounty?: boolean;
}

export const registerContractArb = (options: RegistrationOptions = {}): fc.Arbitrary<Extract<ContractCommand, { type: 'RegisterContract' }>> => {
  const around = options.around ?? DateTime.fromISO('2026-08-01T09:00:00', { zone: osloZone });
  return fc
    .record({
      contractId: options.contractId ? fc.constant(options.contractId) : contractIdArb,
      county: countyArb,
      office: officeArb,
      contractType: contractTypeArb,
      startDate: fc.option(startDateArb(around), { nil: undefined, freq: 10 }),
      withOfficeSigner: fc.boolean(),
    })
    .chain(({ contractType, withOfficeSigner, ...rest }) => {
      const roles: PartyRole[] = [contractType === 'laerekontrakt' ? 'laerling' : 'kandidat', 'faglig-leder', 'daglig-leder'];
      if (withOfficeSigner) roles.push('opplaeringskontor');
      if (options.withCounty) roles.push('fylkeskommune');
      return fc.tuple(...roles.map((role) => partyArb(role, options))).map((parties) => ({
        type: 'RegisterContract' as const,
        ...rest,
        ...(rest.startDate === undefined ? {} : { startDate: rest.startDate }),
        contractType,
        parties,
      }));
    })
    .map(({ startDate, ...command }) => (startDate === undefined ? command : { ...command, startDate }));
};

export const instantArb = (from: DateTime, days: number): fc.Arbitrary<Instant> =>
  fc.integer({ min: 0, max: days * 24 * 60 }).map((minutes) => instantOf(from.plus({ minutes })));

/**
 * Any command a contract may receive after registration, with order ids and roles drawn from a
 * small set so that sequences hit real orders, duplicates and stale facts often.
 */
export const contractCommandArb = (contractId: ContractId, from: DateTime, maxOrders = 4): fc.Arbitrary<ContractCommand> => {
  const orderId: fc.Arbitrary<OrderId> = fc.integer({ min: 1, max: maxOrders }).map((n) => orderIdFor(contractId, n));
  const role = fc.constantFrom<PartyRole>('laerling', 'kandidat', 'faglig-leder', 'daglig-leder', 'opplaeringskontor', 'foresatt', 'fylkeskommune');
  const at = instantArb(from, 60);
  const override = fc.record({ code: fc.constantFrom(...preflightCodes), role, reason: fc.constantFrom('Bekreftet på telefon', ''), by: fc.constantFrom('saksbehandler-1', '') });
  return fc.oneof(
    fc.record({ type: fc.constant('CreateOrder' as const), validityDays: fc.option(fc.integer({ min: -2, max: 100 }), { nil: undefined }), overrides: fc.array(override, { maxLength: 20 }) })
      .map(({ validityDays, ...c }) => (validityDays === undefined ? c : { ...c, validityDays })),
    fc.record({ type: fc.constant('CreateOrder' as const), overrides: fc.constant(preflightCodes.flatMap((code) => ['laerling', 'kandidat', 'faglig-leder', 'daglig-leder', 'opplaeringskontor', 'foresatt', 'fylkeskommune', undefined].map((r) => ({ code, reason: 'Godkjent av leder', by: 'saksbehandler-1', ...(r ? { role: r as PartyRole } : {}) })))) }),
    fc.record({ type: fc.constant('RecordOrderAccepted' as const), orderId, providerJobId: fc.constantFrom('job-1', 'job-2') }),
    fc.record({ type: fc.constant('RecordProviderError' as const), orderId, code: fc.constantFrom('http-503', 'timeout', 'http-400'), transient: fc.boolean() }),
    fc.record({ type: fc.constant('RecordSignerSigned' as const), orderId, role, signedAt: at }),
    fc.record({ type: fc.constant('RecordSignerFailed' as const), orderId, role, cause: fc.constantFrom(...signerFailureCauses), source: fc.constantFrom('provider' as const, 'staff' as const) }),
    fc.record({ type: fc.constant('RecordOrderFailed' as const), orderId, cause: fc.constantFrom('provider-error' as const, 'other' as const) }),
    fc.record({ type: fc.constant('RecordReminderSent' as const), orderId, role }),
    fc.record({ type: fc.constant('ExpireOrder' as const), orderId, reportedByProvider: fc.boolean() }),
    fc.record({ type: fc.constant('CancelOrder' as const), orderId, reason: fc.constantFrom('staff-decision' as const, 'cancelled-at-provider' as const) }),
    fc.record({ type: fc.constant('ChangeStartDate' as const), startDate: startDateArb(from) }),
    fc.record({ type: fc.constant('CorrectContactData' as const), role, changes: fc.record({ mobile: mobileArb, email: personalEmailArb, name: personNameArb }, { requiredKeys: [] }) }),
    fc.record({ type: fc.constant('SignManually' as const), reason: fc.constantFrom('signer-did-not-respond' as const, 'order-expired' as const) }),
    fc.record({ type: fc.constant('WithdrawContract' as const), reason: fc.constantFrom('contract-cancelled' as const, 'other' as const) }),
    fc.record({ type: fc.constant('RecordDocumentArchived' as const), archiveReference: fc.constantFrom('ARK-1', 'ARK-2') }),
    fc.record({ type: fc.constant('RecordVigoUpdated' as const) }),
    fc.record({ type: fc.constant('RecordFollowUpFailed' as const), step: fc.constantFrom('archive' as const, 'vigo' as const), code: fc.constant('http-503') }),
    fc.record({ type: fc.constant('RecordSubmissionUncertain' as const), orderId }),
    fc.record({ type: fc.constant('ResolveUncertainSubmission' as const), orderId, outcome: fc.constant('no-job' as const), by: fc.constantFrom('saksbehandler-1', '') }),
    fc.record({ type: fc.constant('ResolveUncertainSubmission' as const), orderId, outcome: fc.constant('job-found' as const), by: fc.constant('saksbehandler-1'), providerJobId: fc.constantFrom('job-1', 'job-2') }),
  );
};
