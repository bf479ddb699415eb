import { PersonalValue, type ContractEvent, type Party } from '@fagsign/domain';

/*
 * Test support: every spelling of the personal values in a set of events, to look for in bytes,
 * reports and read results after an erasure.
 */

export interface Spellings {
  /** Searched as they are. */
  readonly exact: Set<string>;
  /** E-mail addresses, searched in lower case in a lower-cased haystack (any case). */
  readonly anyCase: Set<string>;
}

const mobileSpellings = (text: string): string[] => {
  const out = [text];
  const norwegian = /^\+47(\d{8})$/.exec(text);
  if (norwegian) {
    const d = norwegian[1]!;
    out.push(d, `0047${d}`, `${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`, `+47 ${d}`);
  } else if (text.startsWith('+')) out.push(text.slice(1), `00${text.slice(1)}`);
  return out;
};

const partiesOf = (event: ContractEvent): Partial<Party>[] =>
  event.type === 'ContractRegistered' ? [...event.data.parties] : event.type === 'ContactDataCorrected' ? [event.data.changes] : [];

/** Strings too short or too common to mean anything if found: a 4-digit invalid "mobile", a dash. */
const searchable = (s: string): boolean => s.length >= 6 && !(/^\d+$/.test(s) && s.length < 8);

/** `variants`: also the other ways a mobile number is written (bare, 0047, spaced); false gives the stored forms only. */
export const spellingsOf = (events: readonly ContractEvent[], variants = true): Spellings => {
  const exact = new Set<string>();
  const anyCase = new Set<string>();
  for (const event of events) {
    for (const party of partiesOf(event)) {
      if (party.name !== undefined) exact.add(party.name);
      if (party.personalId !== undefined) exact.add(party.personalId.reveal());
      if (party.mobile !== undefined) for (const s of variants ? mobileSpellings(party.mobile.reveal()) : [party.mobile.reveal()]) exact.add(s);
      if (party.email !== undefined) anyCase.add(party.email.reveal().toLowerCase());
    }
  }
  return { exact: new Set([...exact].filter(searchable)), anyCase: new Set([...anyCase].filter(searchable)) };
};

/** The erased contracts' spellings that no kept contract also holds (a shared name stays, rightly). */
export const onlyIn = (erased: Spellings, kept: Spellings): Spellings => {
  const keptAll = [...kept.exact, ...kept.anyCase].map((s) => s.toLowerCase());
  const free = (s: string) => !keptAll.some((k) => k.includes(s.toLowerCase()));
  return { exact: new Set([...erased.exact].filter(free)), anyCase: new Set([...erased.anyCase].filter(free)) };
};

/** Every spelling found in `haystack`, as `what: spelling`-free labels (the test names where, not what). */
export const found = (spellings: Spellings, haystack: string, where: string): string[] => {
  const lower = haystack.toLowerCase();
  const hits: string[] = [];
  for (const s of spellings.exact) if (haystack.includes(s)) hits.push(`${where}: a value of ${s.length} characters`);
  for (const s of spellings.anyCase) if (lower.includes(s)) hits.push(`${where}: an e-mail address`);
  return hits;
};

/** JSON with personal values revealed, as a careless reader would print them. */
export const revealedJson = (value: unknown): string =>
  JSON.stringify(value, function (this: unknown, key) {
    const raw = (this as Record<string, unknown>)[key];
    return raw instanceof PersonalValue ? raw.reveal() : raw instanceof Map ? [...raw] : raw instanceof Set ? [...raw] : (raw as unknown);
  });
