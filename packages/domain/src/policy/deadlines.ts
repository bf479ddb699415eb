import type { DateTime } from 'luxon';
import { instantOf, osloZone, toDateTime, type Instant } from '../model/time.js';
import { nextWorkingDayAt } from './calendar.js';
import type { SigningPolicy } from './signing-policy.js';

/**
 * An order's deadline: the same wall-clock time in Oslo, `validityDays` calendar days after it was
 * created. Across a DST change the order is open an hour more or less than `days × 24 h`, which is
 * what a signer reading "frist 3. april kl. 14.12" expects.
 */
export const deadlineFor = (createdAt: DateTime, validityDays: number): Instant =>
  instantOf(createdAt.setZone(osloZone).plus({ days: validityDays }));

/** Seconds between activation and the deadline: Posten signering's `available-seconds`. */
export const availableSeconds = (createdAt: Instant, deadline: Instant): number =>
  Math.round((Date.parse(deadline) - Date.parse(createdAt)) / 1000);

export const isQuietHour = (at: DateTime, policy: Pick<SigningPolicy, 'quietHours'>): boolean => {
  const hour = at.setZone(osloZone).hour;
  const { from, to } = policy.quietHours;
  return from > to ? hour >= from || hour < to : hour >= from && hour < to;
};

/** `at` itself when messages may be sent then; otherwise the end of the quiet hours that follows. */
export const outsideQuietHours = (at: DateTime, policy: Pick<SigningPolicy, 'quietHours'>): DateTime => {
  if (!isQuietHour(at, policy)) return at;
  const oslo = at.setZone(osloZone);
  const endToday = oslo.startOf('day').set({ hour: policy.quietHours.to });
  return endToday > oslo ? endToday : endToday.plus({ days: 1 });
};

/**
 * When to remind the signers still pending: `reminderDaysBeforeDeadline` calendar days before the
 * deadline in Oslo, moved out of the quiet hours. Null when the policy has no reminder or the time
 * would not fall after the order's creation and before its deadline.
 */
export const reminderTime = (createdAt: Instant, deadline: Instant, policy: SigningPolicy): Instant | null => {
  if (policy.reminderDaysBeforeDeadline === null) return null;
  const planned = toDateTime(deadline).minus({ days: policy.reminderDaysBeforeDeadline });
  const remindAt = instantOf(outsideQuietHours(planned, policy));
  return remindAt > createdAt && remindAt < deadline ? remindAt : null;
};

/**
 * When to try again after an error at the signing service: the service's own hint when it gave one
 * (a 429's next permitted time), else the next working day at the policy's retry hour, as the pilot's
 * staff did by hand. Null when the error is permanent or the retries are used up.
 */
export const retryTime = (
  now: DateTime,
  transient: boolean,
  errorCount: number,
  policy: SigningPolicy,
  hint?: Instant,
): Instant | null => {
  if (!transient || errorCount > policy.providerRetries) return null;
  if (hint !== undefined && hint > instantOf(now)) return hint;
  return instantOf(nextWorkingDayAt(now, policy.retryHour));
};

/** When to try a follow-up step (archive, Vigo) again after `attempt` failures; null when a person must take over. */
export const followUpRetryTime = (now: DateTime, attempt: number, policy: SigningPolicy): Instant | null => {
  const minutes = policy.followUpRetryMinutes[attempt - 1];
  return minutes === undefined ? null : instantOf(now.plus({ minutes }));
};
