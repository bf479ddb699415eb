import type { Progress } from '@fagsign/adapters';

const grouped = (n: number): string => Math.round(n).toLocaleString('nb-NO').replace(/\u00a0/g, ' ');

const duration = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

/** One line of progress: a bar and the time left when the total is known, else the count and the rate. */
export const progressLine = (p: Progress, width = 30): string => {
  const rate = `${grouped(p.eventsPerSecond)} events/s`;
  if (p.expectedEvents === undefined || p.expectedEvents === 0) return `${p.projection}: ${grouped(p.events)} events, ${rate}`;
  const share = Math.min(1, p.events / p.expectedEvents);
  const filled = Math.round(share * width);
  const eta = p.done ? 'done' : p.etaMs === undefined ? '' : `${duration(p.etaMs)} left`;
  return `${p.projection} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)} % ${grouped(p.events)} events, ${rate}${eta === '' ? '' : `, ${eta}`}`;
};

/** A progress bar redrawn in place on a terminal; nothing at all when stderr is not one. */
export const progressBar = (stream: { write(text: string): unknown; readonly isTTY?: boolean }) => {
  if (stream.isTTY !== true) return { update: undefined, end: () => undefined };
  let drawn = false;
  return {
    update: (p: Progress) => {
      stream.write(`\r\x1b[2K${progressLine(p)}`);
      drawn = true;
    },
    end: () => {
      if (drawn) stream.write('\n');
    },
  };
};
