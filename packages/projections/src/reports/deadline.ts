import type { Instant } from '@fagsign/domain';
import { millisOfInstant } from './instant-millis.js';
import type { Words } from './words.js';

/*
 * The one rule for "expires within a day", for every report: at most 24 hours left. Inclusive,
 * because the reminder goes out exactly 24 hours before the deadline, and that is the moment the
 * attention list, the status report and the next step must all say so. No time left is `passed`:
 * the order is not reported expired yet (the service, or our clock's grace, has not ended it).
 */
export type DeadlineState = 'later' | 'within-a-day' | 'passed';

const dayMs = 86_400_000;

export const deadlineState = (deadline: Instant, now: Instant): DeadlineState => {
  const left = millisOfInstant(deadline) - millisOfInstant(now);
  return left <= 0 ? 'passed' : left <= dayMs ? 'within-a-day' : 'later';
};

/** Whole days left: 0 within a day or once passed (never a negative count: a passed deadline is said in words). */
export const daysLeft = (deadline: Instant, now: Instant): number =>
  deadlineState(deadline, now) === 'later' ? Math.floor((millisOfInstant(deadline) - millisOfInstant(now)) / dayMs) : 0;

/** How many days are left, in words where a number would mislead. */
export const daysLeftWords = (deadline: Instant, now: Instant): Words => {
  switch (deadlineState(deadline, now)) {
    case 'passed':
      return { nb: 'fristen er passert', en: 'deadline passed' };
    case 'within-a-day':
      return { nb: 'under ett døgn', en: 'within a day' };
    case 'later': {
      const days = daysLeft(deadline, now);
      return { nb: `${days} ${days === 1 ? 'dag' : 'dager'} igjen`, en: `${days} ${days === 1 ? 'day' : 'days'} left` };
    }
  }
};
