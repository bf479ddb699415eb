import { osloTime } from '@fagsign/projections';

/*
 * `osloTime` (luxon, with Intl's time-zone data) costs tens of microseconds a call, which a page of
 * 2,000 rows pays thousands of times. Oslo's offset only changes at the two DST switches, so the
 * offset is looked up once per hour of the clock and the text built by hand; the result is the same.
 */
const offsetByHour = new Map<number, number>();
const hourMs = 3_600_000;
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

const osloOffsetMs = (ms: number): number => {
  const hour = Math.floor(ms / hourMs);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const [date, time] = osloTime(new Date(hour * hourMs).toISOString() as never).split(' ');
    offset = Date.parse(`${date}T${time}:00Z`) - hour * hourMs;
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
};

/** `2026-08-03 08:00`, Oslo time: what `osloTime` gives, fast. */
export const osloMinute = (instant: string): string => {
  const ms = Date.parse(instant);
  const local = new Date(ms + osloOffsetMs(ms));
  return `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
};
