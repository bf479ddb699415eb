import { instantOf, parseInstant, type Instant } from '@fagsign/domain';
import { DateTime } from 'luxon';
import { UserError } from '../user-error.js';

/** `--now` for reports that depend on the time (days left, what expires within 24 hours). */
export const nowOf = (flag: string | undefined, clock: Date): Instant => {
  if (flag === undefined) return instantOf(DateTime.fromJSDate(clock));
  const parsed = parseInstant(flag);
  if (typeof parsed !== 'string') throw new UserError(`--now ${parsed.rule}.`);
  return parsed;
};
