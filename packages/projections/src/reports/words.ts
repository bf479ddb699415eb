import { toDateTime, type Instant, type PartyRole } from '@fagsign/domain';

/** A phrase in both report languages. Bokmål is the default; English with `lang: 'en'`. */
export interface Words {
  readonly nb: string;
  readonly en: string;
}

export type Lang = keyof Words;

/** How a role reads inside a sentence: "the apprentice" / "lærlingen", "the apprentice's" / "lærlingens". */
const roleForms: Record<PartyRole, { nb: string; nbOf: string; en: string }> = {
  laerling: { nb: 'lærlingen', nbOf: 'lærlingens', en: 'the apprentice' },
  kandidat: { nb: 'kandidaten', nbOf: 'kandidatens', en: 'the candidate' },
  'faglig-leder': { nb: 'faglig leder', nbOf: 'faglig leders', en: 'the professional leader' },
  'daglig-leder': { nb: 'daglig leder', nbOf: 'daglig leders', en: 'the managing leader' },
  opplaeringskontor: { nb: 'opplæringskontoret', nbOf: 'opplæringskontorets', en: 'the training office' },
  fylkeskommune: { nb: 'fylkeskommunen', nbOf: 'fylkeskommunens', en: 'the county' },
  foresatt: { nb: 'den foresatte', nbOf: 'den foresattes', en: 'the guardian' },
};

export const theRole = (role: PartyRole): Words => ({ nb: roleForms[role].nb, en: roleForms[role].en });
export const roleOf = (role: PartyRole): Words => ({ nb: roleForms[role].nbOf, en: `${roleForms[role].en}'s` });

/** "lærlingen og faglig leder" / "the apprentice and the professional leader". */
export const theRoles = (roles: readonly PartyRole[]): Words => ({
  nb: listOf(roles.map((r) => roleForms[r].nb), 'og'),
  en: listOf(roles.map((r) => roleForms[r].en), 'and'),
});

const listOf = (items: readonly string[], and: string): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;

export const capitalised = (words: Words): Words => ({ nb: capital(words.nb), en: capital(words.en) });
const capital = (s: string): string => s.charAt(0).toLocaleUpperCase('nb') + s.slice(1);

export const both = (nb: string, en: string): Words => ({ nb, en });
export const join = (a: Words, b: Words): Words => ({ nb: `${a.nb} ${b.nb}`, en: `${a.en} ${b.en}` });

/** A moment as a clerk in Norway reads it: Oslo time, `2026-08-03 08:00`. */
export const osloTime = (instant: Instant): string => toDateTime(instant).toFormat('yyyy-MM-dd HH:mm');
