import * as t from 'io-ts';
import { DateTime } from 'luxon';
import { stringCodec } from './codec-kit.js';

/** The time zone every deadline, reminder and working day is computed in. */
export const osloZone = 'Europe/Oslo';

declare const instantBrand: unique symbol;
/**
 * A moment in UTC, always in the canonical form `YYYY-MM-DDTHH:mm:ss.sssZ`. One form means
 * instants compare correctly as strings, which keeps evolve and projections free of date parsing.
 */
export type Instant = string & { readonly [instantBrand]: true };

const canonicalInstant = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)\.\d{3}Z$/;

export const instantOf = (dt: DateTime): Instant => dt.toUTC().toISO() as Instant;
export const instantFromMillis = (ms: number): Instant => new Date(ms).toISOString() as Instant;
export const toDateTime = (instant: Instant): DateTime => DateTime.fromISO(instant, { zone: osloZone });
export const millisOf = (instant: Instant): number => Date.parse(instant);

export const parseInstant = (s: string): Instant | { rule: string } => {
  const canonical = canonicalInstant.exec(s);
  if (canonical !== null) {
    // the hot path: every stored event has one or more instants in this form
    const year = Number(canonical[1]);
    const month = Number(canonical[2]);
    const day = Number(canonical[3]);
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? (s as Instant) : { rule: 'must be a real date and time' };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s)) return { rule: 'must be a real date and time' };
  // Other ISO-8601 forms with an offset are accepted and normalised; a time without an offset is ambiguous.
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) return { rule: 'must be an ISO-8601 date and time with an offset, such as 2026-03-29T08:00:00Z' };
  const dt = DateTime.fromISO(s, { setZone: true });
  return dt.isValid ? instantOf(dt) : { rule: 'must be an ISO-8601 date and time with an offset, such as 2026-03-29T08:00:00Z' };
};

export const InstantCodec: t.Type<Instant, string, unknown> = stringCodec(
  'Instant',
  (u): u is Instant => typeof u === 'string' && canonicalInstant.test(u),
  parseInstant,
  (i) => i,
);

declare const localDateBrand: unique symbol;
/** A calendar date without a time (`YYYY-MM-DD`), such as a contract's start date. */
export type LocalDate = string & { readonly [localDateBrand]: true };

export const parseLocalDate = (s: string): LocalDate | { rule: string } => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return { rule: 'must be a date in the form YYYY-MM-DD' };
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  const real = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  return real ? (s as LocalDate) : { rule: 'must be a real calendar date' };
};

export const LocalDateCodec: t.Type<LocalDate, string, unknown> = stringCodec(
  'LocalDate',
  (u): u is LocalDate => typeof u === 'string' && typeof parseLocalDate(u) === 'string',
  parseLocalDate,
  (d) => d,
);

/** Today's date in Oslo at the given moment. */
export const osloDate = (now: DateTime): LocalDate => now.setZone(osloZone).toISODate() as LocalDate;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : monthLengths[month - 1]!;
