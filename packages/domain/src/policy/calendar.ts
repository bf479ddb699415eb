import { DateTime } from 'luxon';
import { osloZone } from '../model/time.js';

/** Easter Sunday (Gregorian) by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export const easterSunday = (year: number): { month: number; day: number } => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
};

const holidayCache = new Map<number, ReadonlySet<string>>();

/** Norway's public holidays (helligdager and 1 and 17 May) in a year, as YYYY-MM-DD. */
export const publicHolidays = (year: number): ReadonlySet<string> => {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = DateTime.fromObject({ year, ...easterSunday(year) }, { zone: 'utc' });
  const fromEaster = [-3, -2, 0, 1, 39, 49, 50].map((days) => easter.plus({ days }).toISODate()!);
  const fixed = ['01-01', '05-01', '05-17', '12-25', '12-26'].map((md) => `${year}-${md}`);
  const holidays = new Set([...fixed, ...fromEaster]);
  holidayCache.set(year, holidays);
  return holidays;
};

/** A weekday that is not a public holiday, judged by the date in Oslo. */
export const isWorkingDay = (at: DateTime): boolean => {
  const oslo = at.setZone(osloZone);
  return oslo.weekday <= 5 && !publicHolidays(oslo.year).has(oslo.toISODate()!);
};

/** The first working day after `at`'s date in Oslo, at the given hour (Oslo time). */
export const nextWorkingDayAt = (at: DateTime, hour: number): DateTime => {
  let day = at.setZone(osloZone).startOf('day').plus({ days: 1 });
  while (!isWorkingDay(day)) day = day.plus({ days: 1 });
  return day.set({ hour });
};
