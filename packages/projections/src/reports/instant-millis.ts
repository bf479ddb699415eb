import type { Instant } from '@fagsign/domain';

/** Days before each month in a common year. */
const monthStart = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const digits = (s: string, from: number, count: number): number => {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

/**
 * Milliseconds since 1970 of a canonical instant (`YYYY-MM-DDTHH:mm:ss.sssZ`, the only form the
 * domain stores), about ten times faster than `Date.parse`: a report over 100 000 signed contracts
 * reads two instants each. Anything else goes to `Date.parse`.
 */
export const millisOfInstant = (instant: Instant): number => {
  if (instant.length !== 24 || instant.charCodeAt(23) !== 90 /* Z */) return Date.parse(instant);
  const year = digits(instant, 0, 4);
  const month = digits(instant, 5, 2);
  const day = digits(instant, 8, 2);
  const leap = month > 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0) ? 1 : 0;
  const y = year - 1;
  const days = y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 719_162 + monthStart[month - 1]! + leap + day - 1;
  return days * 86_400_000 + digits(instant, 11, 2) * 3_600_000 + digits(instant, 14, 2) * 60_000 + digits(instant, 17, 2) * 1000 + digits(instant, 20, 3);
};
