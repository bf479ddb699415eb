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

const canonicalShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const instantOf = (dt: DateTime): Instant => dt.toUTC().toISO() as Instant;
export const instantFromMillis = (ms: number): Instant => new Date(ms).toISOString() as Instant;
export const toDateTime = (instant: Instant): DateTime => DateTime.fromISO(instant, { zone: osloZone });
export const millisOf = (instant: Instant): number => Date.parse(instant);

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const isDigit = (s: string, i: number): boolean => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9;
};
const twoDigits = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * The canonical form `YYYY-MM-DDTHH:mm:ss.sssZ`, checked character by character: every stored
 * event has one or more instants, and this is several times faster than the regular expression.
 */
const isCanonicalInstant = (s: string): boolean => {
  if (s.length !== 24 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== '.' || s[23] !== 'Z') return false;
  for (let i = 0; i < digitPositions.length; i++) if (!isDigit(s, digitPositions[i]!)) return false;
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + twoDigits(s, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && twoDigits(s, 11) <= 23 && twoDigits(s, 14) <= 59 && twoDigits(s, 17) <= 59;
};
const digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

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
  isDigit(s, 0) && isDigit(s, 1) && isDigit(s, 2) && isDigit(s, 3) && isDigit(s, 5) && isDigit(s, 6) && isDigit(s, 8) && isDigit(s, 9);

export const parseLocalDate = (s: string): LocalDate | { rule: string } => {
  if (!isDateShape(s)) return { rule: 'must be a date in the form YYYY-MM-DD' };
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
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
