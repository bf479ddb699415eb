import { parseCounty, type County } from '@fagsign/domain';
import type { ContractsState, OfficeInfo } from '../contracts/summary.js';

/** Which contracts a report covers: everything, one county, or one office (within a county, optionally). */
export interface Scope {
  readonly county?: County;
  /** The office's organisation number. */
  readonly office?: string;
}

/** A scope that names no county or office in the read model; the message is safe to show a user. */
export class UnknownScope extends Error {
  readonly code = 'unknown-scope';
  override get name(): string {
    return 'UnknownScope';
  }
}

export const inScope = (office: OfficeInfo, scope: Scope): boolean =>
  (scope.county === undefined || office.county === scope.county) && (scope.office === undefined || office.orgNumber === scope.office);

/** The short name a registered name leads with, before a dash: "OKOS – Opplæringskontoret for …" → "OKOS". */
const leadingShortName = (name: string): string | undefined => /^(.{1,40}?)\s+[–—-]\s+\S/.exec(name)?.[1];

const folded = (s: string): string => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb');

/**
 * Turns what a user typed into a scope: a county by name or number, an office by organisation
 * number, by its full name, or by a short name (any case): one the county sets in `shortNames`
 * (short name → organisation number), or the one a registered name leads with before a dash
 * ("OKOS – Opplæringskontoret for offentlig sektor i Østfold"). A scope that matches nothing is an
 * error, not an empty report: an empty report would hide a typo.
 */
export const resolveScope = (
  state: ContractsState,
  wanted: { county?: string | undefined; office?: string | undefined },
  shortNames: ReadonlyMap<string, string> = new Map(),
): Scope => {
  let county: County | undefined;
  if (wanted.county !== undefined) {
    const parsed = parseCounty(wanted.county);
    if (typeof parsed !== 'string') throw new UnknownScope(`Unknown county "${wanted.county}": ${parsed.rule}.`);
    county = parsed;
    if (![...state.offices.values()].some((o) => o.county === county)) {
      throw new UnknownScope(`No contracts are registered for ${county} in this store.`);
    }
  }
  if (wanted.office === undefined) return county === undefined ? {} : { county };

  const candidates = [...state.offices.values()].filter((o) => county === undefined || o.county === county);
  const digits = wanted.office.replace(/\s/g, '');
  const typed = folded(wanted.office);
  const set = [...shortNames].find(([short]) => folded(short) === typed)?.[1];
  const byName = (o: OfficeInfo) => folded(o.name) === typed || o.orgNumber === set;
  const byShortName = (o: OfficeInfo) => folded(leadingShortName(o.name) ?? '') === typed;
  const named = candidates.filter(byName);
  const matches = /^\d{9}$/.test(digits) ? candidates.filter((o) => o.orgNumber === digits) : named.length > 0 ? named : candidates.filter(byShortName);
  const orgNumbers = [...new Set(matches.map((o) => o.orgNumber))];
  if (orgNumbers.length === 0) {
    throw new UnknownScope(`Unknown office "${wanted.office}"${county === undefined ? '' : ` in ${county}`}: give its organisation number or its name as registered.`);
  }
  if (orgNumbers.length > 1) {
    throw new UnknownScope(`"${wanted.office}" names ${orgNumbers.length} offices (${orgNumbers.join(', ')}); give the organisation number.`);
  }
  return county === undefined ? { office: orgNumbers[0]! } : { county, office: orgNumbers[0]! };
};

/** The offices in scope, by county and then name, in Norwegian collation. */
export const officesInScope = (state: ContractsState, scope: Scope): OfficeInfo[] =>
  [...state.offices.values()].filter((o) => inScope(o, scope)).sort(byCountyAndName);

const collator = new Intl.Collator('nb');
const byCountyAndName = (a: OfficeInfo, b: OfficeInfo): number =>
  collator.compare(a.county, b.county) || collator.compare(a.name, b.name) || collator.compare(a.orgNumber, b.orgNumber);
