import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DateTime } from 'luxon';
import { availableSeconds, deadlineFor, isQuietHour, outsideQuietHours, reminderTime, retryTime, followUpRetryTime } from './deadlines.js';
import { easterSunday, isWorkingDay, nextWorkingDayAt, publicHolidays } from './calendar.js';
import { checkPolicy, defaultPolicy, InvalidPolicy, pilotPolicy, policyBook, policyViolations, resolvePolicy } from './signing-policy.js';
import { activationTime, jobChoicesFor } from './job-choices.js';
import { instantOf, toDateTime, type Instant } from '../model/time.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' });
const at = (local: string) => instantOf(oslo(local));
const local = (instant: Instant) => toDateTime(instant).toFormat("yyyy-MM-dd'T'HH:mm");

describe('deadlines across the daylight-saving changes (last Sunday of March and October)', () => {
  it.each([
    // created, validity, deadline (Oslo wall-clock), open for (hours)
    ['2026-03-27T10:00', 7, '2026-04-03T10:00', 7 * 24 - 1], // before spring-forward: the week is an hour short
    ['2026-03-30T10:00', 7, '2026-04-06T10:00', 7 * 24], // after it
    ['2026-10-23T10:00', 7, '2026-10-30T10:00', 7 * 24 + 1], // before fall-back: an hour longer
    ['2026-10-26T10:00', 7, '2026-11-02T10:00', 7 * 24], // after it
    ['2026-03-20T14:12', 14, '2026-04-03T14:12', 14 * 24 - 1],
    ['2026-10-18T09:00', 14, '2026-11-01T09:00', 14 * 24 + 1],
  ])('an order created %s for %i days is due %s, open %i hours', (created, days, deadline, hours) => {
    const d = deadlineFor(oslo(created), days);
    expect(local(d)).toBe(deadline);
    expect(availableSeconds(at(created), d)).toBe(hours * 3600);
  });

  it('a deadline that would fall in the hour that does not exist moves forward, never back', () => {
    const d = deadlineFor(oslo('2026-03-22T02:30'), 7); // 2026-03-29 02:30 does not exist in Oslo
    expect(local(d)).toBe('2026-03-29T03:30');
  });

  it('the reminder the day before keeps the wall-clock time across a change', () => {
    const created = at('2026-03-20T09:00');
    const deadline = deadlineFor(oslo('2026-03-20T09:00'), 9); // Sunday 29 March 09:00 CEST
    expect(local(reminderTime(created, deadline, defaultPolicy)!)).toBe('2026-03-28T09:00');
  });

  it.each([
    ['2026-08-03T23:30', 14, '2026-08-17T08:00'], // the day before at 23:30 is quiet: 08:00 on the deadline's day
    ['2026-08-03T06:15', 14, '2026-08-16T08:00'], // 06:15 the day before: moved to 08:00 that day
    ['2026-08-03T21:59', 14, '2026-08-16T21:59'],
    ['2026-08-03T22:00', 14, '2026-08-17T08:00'],
  ])('an order created %s for %i days is reminded at %s, outside the quiet hours', (created, days, reminder) => {
    const deadline = deadlineFor(oslo(created), days);
    expect(local(reminderTime(at(created), deadline, defaultPolicy)!)).toBe(reminder);
  });

  it('no reminder where none fits: policy without one, or a one-day order', () => {
    const created = oslo('2026-08-03T10:00');
    expect(reminderTime(instantOf(created), deadlineFor(created, 7), pilotPolicy)).toBeNull();
    expect(reminderTime(instantOf(created), deadlineFor(created, 1), defaultPolicy)).toBeNull();
  });

  test.prop([fc.date({ min: new Date('2025-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 5 })])(
    'a deadline is after its creation; every reminder is after the creation, before the deadline and outside quiet hours',
    (date, days, before) => {
      const created = DateTime.fromJSDate(date, { zone: 'Europe/Oslo' });
      const deadline = deadlineFor(created, days);
      expect(deadline > instantOf(created)).toBe(true);
      const reminder = reminderTime(instantOf(created), deadline, { ...defaultPolicy, reminderDaysBeforeDeadline: before });
      if (reminder !== null) {
        expect(reminder > instantOf(created) && reminder < deadline).toBe(true);
        expect(isQuietHour(toDateTime(reminder), defaultPolicy)).toBe(false);
      }
    },
  );
});

describe('quiet hours', () => {
  it.each([
    ['2026-08-03T21:59', false],
    ['2026-08-03T22:00', true],
    ['2026-08-04T07:59', true],
    ['2026-08-04T08:00', false],
  ])('%s is quiet: %s', (time, quiet) => expect(isQuietHour(oslo(time), defaultPolicy)).toBe(quiet));

  it('moves a message to the end of the quiet hours', () => {
    expect(outsideQuietHours(oslo('2026-08-03T23:10'), defaultPolicy).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-08-04 08:00');
    expect(outsideQuietHours(oslo('2026-08-04T03:10'), defaultPolicy).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-08-04 08:00');
    expect(outsideQuietHours(oslo('2026-08-04T12:00'), defaultPolicy).toFormat('HH:mm')).toBe('12:00');
  });

  it('works for quiet hours that do not cross midnight', () => {
    const policy = { quietHours: { from: 0, to: 7 } };
    expect(isQuietHour(oslo('2026-08-04T06:00'), policy)).toBe(true);
    expect(isQuietHour(oslo('2026-08-04T23:00'), policy)).toBe(false);
  });
});

describe('working days and retries', () => {
  it.each([
    [2024, { month: 3, day: 31 }],
    [2025, { month: 4, day: 20 }],
    [2026, { month: 4, day: 5 }],
    [2027, { month: 3, day: 28 }],
    [2038, { month: 4, day: 25 }],
  ])('Easter Sunday %i', (year, date) => expect(easterSunday(year)).toEqual(date));

  it('knows Norway\'s public holidays in 2026', () => {
    expect([...publicHolidays(2026)].sort()).toEqual([
      '2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-01',
      '2026-05-14', '2026-05-17', '2026-05-24', '2026-05-25', '2026-12-25', '2026-12-26',
    ]);
    expect(isWorkingDay(oslo('2026-05-18T10:00'))).toBe(true);
    expect(isWorkingDay(oslo('2026-05-14T10:00'))).toBe(false); // Ascension Day
  });

  it.each([
    ['2026-08-05T09:06', '2026-08-06T08:00'], // Wednesday → Thursday
    ['2026-08-07T15:00', '2026-08-10T08:00'], // Friday → Monday
    ['2026-04-01T10:00', '2026-04-07T08:00'], // before Easter → Tuesday after Easter Monday
    ['2026-12-23T10:00', '2026-12-24T08:00'], // Christmas Eve is a working day
    ['2026-12-24T10:00', '2026-12-28T08:00'],
    ['2027-05-14T10:00', '2027-05-18T08:00'], // 17 May is a Monday in 2027
    ['2026-08-06T00:30', '2026-08-07T08:00'], // after midnight: the next day, not the same morning
  ])('an error at %s is retried at %s', (when, retry) => {
    expect(local(retryTime(oslo(when), true, 1, defaultPolicy)!)).toBe(retry);
    expect(nextWorkingDayAt(oslo(when), 8).toFormat("yyyy-MM-dd'T'HH:mm")).toBe(retry);
  });

  it('gives up after the policy\'s retries, and at once on a permanent error', () => {
    const now = oslo('2026-08-05T09:00');
    expect(retryTime(now, true, 3, defaultPolicy)).not.toBeNull();
    expect(retryTime(now, true, 4, defaultPolicy)).toBeNull();
    expect(retryTime(now, false, 1, defaultPolicy)).toBeNull();
    expect(retryTime(now, true, 1, pilotPolicy)).toBeNull();
  });

  it('honours the service\'s own time for the next attempt (a 429)', () => {
    const now = oslo('2026-08-05T09:00');
    expect(retryTime(now, true, 1, defaultPolicy, at('2026-08-05T09:00:30'))).toBe(at('2026-08-05T09:00:30'));
    expect(retryTime(now, true, 1, defaultPolicy, at('2026-08-05T08:00'))).toBe(at('2026-08-06T08:00'));
  });

  it('retries the archive and Vigo steps at 15, 60, 240 and 3,600 minutes, then hands over to a person', () => {
    const now = oslo('2026-08-05T09:00');
    expect([1, 2, 3, 4, 5].map((attempt) => followUpRetryTime(now, attempt, defaultPolicy))).toEqual([
      at('2026-08-05T09:15'), at('2026-08-05T10:00'), at('2026-08-05T13:00'), at('2026-08-07T21:00'), null,
    ]);
  });
});

describe('the policy per county', () => {
  it('gives each county its own changes over the defaults', () => {
    const book = policyBook({ Telemark: { validityDays: 10 }, Østfold: { countySignsLast: true } });
    expect(resolvePolicy(book, 'Telemark')).toMatchObject({ validityDays: 10, countySignsLast: false });
    expect(resolvePolicy(book, 'Østfold')).toMatchObject({ validityDays: 14, countySignsLast: true });
    expect(resolvePolicy(book, 'Agder')).toBe(defaultPolicy);
    expect(resolvePolicy(undefined, 'Agder')).toBe(defaultPolicy);
  });

  it('names every rule a choice per job breaks, and checkPolicy throws them as InvalidPolicy', () => {
    const wrong = { ...defaultPolicy, requiredAuthentication: 5, activation: 'never', signerGroups: { laerling: 0, rektor: 1 } } as never;
    expect(policyViolations(wrong)).toEqual([
      { path: 'requiredAuthentication', rule: "must be 3, 4, or null for the signing service's default" },
      { path: 'activation', rule: 'must be "at-once", "after-quiet-hours"' },
      { path: 'signerGroups.laerling', rule: 'must be a whole number from 1 to 8' },
      { path: 'signerGroups.rektor', rule: expect.stringMatching(/^must be one of the roles laerling, kandidat, .* \(the county, when it signs, signs last\)$/) },
    ]);
    expect(() => checkPolicy(wrong)).toThrow(InvalidPolicy);
    expect(checkPolicy(defaultPolicy)).toBe(defaultPolicy);
  });

  it('activates a job sent in the quiet hours when they end, unless that would be past the deadline', () => {
    const policy = { ...defaultPolicy, activation: 'after-quiet-hours' as const };
    expect(local(activationTime(at('2026-03-10T23:30'), at('2026-03-24T23:30'), policy)!)).toBe('2026-03-11T08:00');
    expect(local(activationTime(at('2026-03-11T06:00'), at('2026-03-24T06:00'), policy)!)).toBe('2026-03-11T08:00');
    expect(activationTime(at('2026-03-11T12:00'), at('2026-03-24T12:00'), policy)).toBeNull();
    expect(activationTime(at('2026-03-10T23:30'), at('2026-03-11T07:00'), policy)).toBeNull();
    expect(activationTime(at('2026-03-10T23:30'), at('2026-03-24T23:30'), defaultPolicy)).toBeNull();
    expect(jobChoicesFor(defaultPolicy, at('2026-03-10T23:30'), at('2026-03-24T23:30'))).toEqual({});
    expect(jobChoicesFor({ ...policy, requiredAuthentication: 4, signatureType: 'advanced', identifierInSignedDocuments: 'name' }, at('2026-03-11T12:00'), at('2026-03-24T12:00'))).toEqual({
      requiredAuthentication: 4, signatureType: 'advanced', identifierInSignedDocuments: 'name', activationTime: null,
    });
  });

  it('names every rule a policy breaks', () => {
    expect(policyViolations(defaultPolicy)).toEqual([]);
    expect(policyViolations({ ...defaultPolicy, validityDays: 91, quietHours: { from: 24, to: 8 } })).toEqual([
      { path: 'validityDays', rule: 'must be a whole number from 1 to 90' },
      { path: 'quietHours.from', rule: 'must be a whole number from 0 to 23' },
    ]);
  });
});
