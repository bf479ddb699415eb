import * as t from 'io-ts';
import { DateTime } from 'luxon';
import { stringCodec } from './codec-kit.js';
import { digitAt, isDigitAt, twoDigitsAt } from './digits.js';

/** The time zone every deadline, reminder and working day is computed in. */
export const osloZone = 'Europe/Oslo';

declare const instantBrand: unique symbol;
/**
 * A moment in UTC, always in the canonical form `YYYY-MM-DDTHH:mm:ss.sssZ`. One form means
 * instants compare correctly as strings, which keeps evolve and projections free of date parsing.
 */
export type Instant = string & { readonly [instantBrand]: true };

const canonicalShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const instantOf = (dt: DateTime): Instant => dt.toUTC().toISO() as Instant;
export const instantFromMillis = (ms: number): Instant => new Date(ms).toISOString() as Instant;
export const toDateTime = (instant: Instant): DateTime => DateTime.fromISO(instant, { zone: osloZone });
export const millisOf = (instant: Instant): number => Date.parse(instant);


/** The two-digit number at `i`, or -1 where either character is not an ASCII digit. */
const twoDigitsOrNone = (s: string, i: number): number => {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

/**
 * The canonical form `YYYY-MM-DDTHH:mm:ss.sssZ` of a real date and time, checked character by
 * character: every stored event has one or more instants, and this is several times faster than the
 * regular expression (a property test holds it to the expression and a real-date check).
 */
const isCanonicalInstant = (s: string): boolean => {
  // - - T : : . Z
  if (s.length !== 24 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) {
    return false;
  }
  const century = twoDigitsOrNone(s, 0);
  const yy = twoDigitsOrNone(s, 2);
  const month = twoDigitsOrNone(s, 5);
  const day = twoDigitsOrNone(s, 8);
  const hours = twoDigitsOrNone(s, 11);
  const minutes = twoDigitsOrNone(s, 14);
  const seconds = twoDigitsOrNone(s, 17);
  if (century < 0 || yy < 0 || hours < 0 || minutes < 0 || seconds < 0 || twoDigitsOrNone(s, 20) < 0 || !isDigitAt(s, 22)) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(century * 100 + yy, month) && hours <= 23 && minutes <= 59 && seconds <= 59;
};

export const parseInstant = (s: string): Instant | { rule: string } => {
  if (isCanonicalInstant(s)) return s as Instant;
  if (canonicalShape.test(s)) return { rule: 'must be a real date and time' };
  // Other ISO-8601 forms with an offset are accepted and normalised; a time without an offset is ambiguous.
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) return { rule: 'must be an ISO-8601 date and time with an offset, such as 2026-03-29T08:00:00Z' };
  const dt = DateTime.fromISO(s, { setZone: true });
  return dt.isValid ? instantOf(dt) : { rule: 'must be an ISO-8601 date and time with an offset, such as 2026-03-29T08:00:00Z' };
};

export const InstantCodec: t.Type<Instant, string, unknown> = stringCodec(
  'Instant',
  (u): u is Instant => typeof u === 'string' && isCanonicalInstant(u),
  parseInstant,
  (i) => i,
  { maxLength: 64 },
);

declare const localDateBrand: unique symbol;
/** A calendar date without a time (`YYYY-MM-DD`), such as a contract's start date. */
export type LocalDate = string & { readonly [localDateBrand]: true };

/** `YYYY-MM-DD` in ASCII digits (/^\d{4}-\d{2}-\d{2}$/), checked character by character. */
const isDateShape = (s: string): boolean =>
  s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 &&
  isDigitAt(s, 0) && isDigitAt(s, 1) && isDigitAt(s, 2) && isDigitAt(s, 3) && isDigitAt(s, 5) && isDigitAt(s, 6) && isDigitAt(s, 8) && isDigitAt(s, 9);

export const parseLocalDate = (s: string): LocalDate | { rule: string } => {
  if (!isDateShape(s)) return { rule: 'must be a date in the form YYYY-MM-DD' };
  const year = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + twoDigitsAt(s, 2);
  const month = twoDigitsAt(s, 5);
  const day = twoDigitsAt(s, 8);
  const real = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  return real ? (s as LocalDate) : { rule: 'must be a real calendar date' };
};

export const LocalDateCodec: t.Type<LocalDate, string, unknown> = stringCodec(
  'LocalDate',
  (u): u is LocalDate => typeof u === 'string' && typeof parseLocalDate(u) === 'string',
  parseLocalDate,
  (d) => d,
  { maxLength: 32 },
);

/** Today's date in Oslo at the given moment. */
export const osloDate = (now: DateTime): LocalDate => now.setZone(osloZone).toISODate() as LocalDate;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : monthLengths[month - 1]!;
