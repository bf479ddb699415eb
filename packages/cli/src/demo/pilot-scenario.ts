import {
  EmailAddress,
  type ContractType,
  type County,
  type Office,
  type Party,
  type PartyRole,
  type RegisterContract,
} from '@fagsign/domain';
import { sampleMobile, sampleOffice, sampleRegistration } from '@fagsign/domain/samples';

/*
 * The Telemark and Østfold pilot (slides 2 and 4–7 of "PILOT DIGITAL SIGNATUR", ../shared/DOMAIN.md)
 * as contracts: who registered them when, what was wrong in Vigo, how each signer behaved, and what
 * the clerk decided when an order ended. The simulation, not this file, produces every figure the
 * demo prints; this file only says what the world was like.
 */

/** What went wrong for a contract, as the slides tell it. */
export type Story =
  | 'clean'
  /** Telemark: the apprentice's mobile number was wrong. Østfold: apprentices had changed numbers. */
  | 'wrong-mobile'
  /** Telemark: faglig leder had no e-mail; the new order went unanswered: manual contract. */
  | 'missing-email-then-silent'
  /** Telemark: a new start date was decided before signing. */
  | 'start-date-changed'
  /** Both: errors at the signing service on one day; new orders the next day. */
  | 'provider-outage'
  /** Østfold: the 7-day validity ran out after much back and forth: signed manually. */
  | 'slow-then-manual'
  /** Østfold: faglig leder registered with the company's shared mailbox. */
  | 'shared-mailbox'
  /** Østfold: still out for signing when the slides were made. */
  | 'still-in-signing'
  /** OKOS: in the system for review before being prepared for signing. */
  | 'awaiting-review';

export interface PilotContract {
  readonly contractId: string;
  readonly county: County;
  readonly office: Office;
  readonly contractType: ContractType;
  readonly story: Story;
  /** Oslo date the contract is registered; its order goes out the same morning unless it awaits review. */
  readonly registeredOn: string;
  readonly seed: number;
}

export const offices = {
  grenland: sampleOffice('Grenland opplæringskontor', 101),
  vestTelemark: sampleOffice('Vest-Telemark opplæringskontor', 102),
  midtTelemark: sampleOffice('Midt-Telemark opplæringskontor', 103),
  elektroTelemark: sampleOffice('Opplæringskontoret for elektrofag i Telemark', 104),
  byggTelemark: sampleOffice('Opplæringskontoret for bygg og anlegg i Telemark', 105),
  okos: sampleOffice('OKOS – Opplæringskontoret for offentlig sektor i Østfold', 201),
  bilfag: sampleOffice('OK Bilfag', 202),
} as const;

/** The outage days: every order sent on them failed at the signing service ("feil hos Difi"). */
export const outageDays = { Telemark: '2026-08-05', Østfold: '2026-08-19' } as const;

/** The last morning: the contracts still out for signing are sent then, and the demo stops at noon. */
export const lastDay = '2026-09-11';

const workingDays = (from: string, count: number): string[] => {
  const days: string[] = [];
  const d = new Date(`${from}T12:00:00Z`);
  while (days.length < count) {
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return days;
};

interface Group {
  readonly county: County;
  readonly office: Office;
  readonly prefix: string;
  readonly stories: readonly (readonly [Story, ContractType, string?])[];
  readonly from: string;
}

const telemark: Group[] = [
  { county: 'Telemark', office: offices.grenland, prefix: 'TM-GR', from: '2026-08-03', stories: [['wrong-mobile', 'laerekontrakt'], ['clean', 'laerekontrakt'], ['clean', 'laerekontrakt']] },
  { county: 'Telemark', office: offices.vestTelemark, prefix: 'TM-VT', from: '2026-08-03', stories: [['missing-email-then-silent', 'laerekontrakt'], ['clean', 'laerekontrakt'], ['clean', 'laerekontrakt']] },
  { county: 'Telemark', office: offices.midtTelemark, prefix: 'TM-MT', from: '2026-08-03', stories: [['start-date-changed', 'laerekontrakt'], ['clean', 'laerekontrakt'], ['clean', 'laerekontrakt']] },
  { county: 'Telemark', office: offices.elektroTelemark, prefix: 'TM-EL', from: '2026-08-04', stories: [['provider-outage', 'laerekontrakt', outageDays.Telemark], ['clean', 'laerekontrakt'], ['clean', 'laerekontrakt']] },
  { county: 'Telemark', office: offices.byggTelemark, prefix: 'TM-BA', from: '2026-08-04', stories: [['provider-outage', 'laerekontrakt', outageDays.Telemark], ['clean', 'laerekontrakt']] },
];

const repeat = (n: number, story: Story, type: ContractType = 'laerekontrakt'): (readonly [Story, ContractType])[] => Array.from({ length: n }, () => [story, type] as const);

const ostfold: Group[] = [
  {
    county: 'Østfold',
    office: offices.okos,
    prefix: 'OF-OKOS',
    from: '2026-08-10',
    stories: [
      ['wrong-mobile', 'laerekontrakt'],
      ['provider-outage', 'laerekontrakt', outageDays.Østfold],
      ['provider-outage', 'opplaeringskontrakt', outageDays.Østfold],
      ...repeat(9, 'clean'),
      ...repeat(2, 'clean', 'opplaeringskontrakt'),
      ...repeat(7, 'still-in-signing'),
      ...repeat(1, 'still-in-signing', 'opplaeringskontrakt'),
      ...repeat(9, 'awaiting-review'),
    ],
  },
  {
    county: 'Østfold',
    office: offices.bilfag,
    prefix: 'OF-BIL',
    from: '2026-08-10',
    stories: [
      ['wrong-mobile', 'laerekontrakt'],
      ['slow-then-manual', 'laerekontrakt'],
      ['shared-mailbox', 'laerekontrakt'],
      ['provider-outage', 'laerekontrakt', outageDays.Østfold],
      ...repeat(5, 'clean'),
      ...repeat(2, 'clean', 'opplaeringskontrakt'),
      ...repeat(2, 'still-in-signing'),
    ],
  },
];

/** Every contract of the pilot, in the order they were registered. */
export const pilotContracts = (): PilotContract[] => {
  let seed = 1;
  const contracts: PilotContract[] = [];
  for (const group of [...telemark, ...ostfold]) {
    // only the outage stories send on the outage day: the slides count exactly those errors
    const days = workingDays(group.from, 21).filter((d) => d !== outageDays[group.county as keyof typeof outageDays]);
    group.stories.forEach(([story, contractType, on], i) => {
      const registeredOn = story === 'still-in-signing' ? lastDay : on ?? days[Math.min(i % 12, days.length - 1)]!;
      contracts.push({ contractId: `${group.prefix}-${String(i + 1).padStart(3, '0')}`, county: group.county, office: group.office, contractType, story, registeredOn, seed: seed++ });
    });
  }
  return contracts;
};

/** The contact data as it really is: what Vigo holds once every correction is made. */
export const truth = (c: PilotContract): RegisterContract =>
  sampleRegistration({ contractId: c.contractId, county: c.county, office: c.office, contractType: c.contractType, seed: c.seed, startDate: startDateOf(c) });

/** Apprentices start four weeks after their contract is registered. */
export const startDateOf = (c: PilotContract): string => {
  const d = new Date(`${c.registeredOn}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 28);
  return d.toISOString().slice(0, 10);
};

/** The contact data as first registered in Vigo, flaws included. */
export const asRegistered = (c: PilotContract): RegisterContract => {
  const apprentice: PartyRole = c.contractType === 'laerekontrakt' ? 'laerling' : 'kandidat';
  const flaws: Partial<Record<PartyRole, Partial<Party>>> =
    c.story === 'wrong-mobile'
      ? { [apprentice]: { mobile: sampleMobile(c.seed + 5000) } }
      : c.story === 'missing-email-then-silent'
        ? { 'faglig-leder': { email: undefined } }
        : c.story === 'shared-mailbox'
          ? { 'faglig-leder': { email: EmailAddress.registered(`post@firma${c.seed}.no`) } }
          : {};
  return sampleRegistration({ contractId: c.contractId, county: c.county, office: c.office, contractType: c.contractType, seed: c.seed, startDate: startDateOf(c), parties: flaws });
};
