/** How far a rebuild or catch-up has come. */
export interface Progress {
  readonly projection: string;
  readonly events: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  /** An estimate of the events to read in all, when one is known (from the last version's count). */
  readonly expectedEvents: number | undefined;
  /** Estimated time left; undefined without an estimate of the total. */
  readonly etaMs: number | undefined;
  readonly done: boolean;
}

/** Called with the progress of a catch-up about four times a second, and once when it is done. */
export type ProgressListener = (progress: Progress) => void;

/** Counts events and reports at most every `intervalMs`. Ticked once per page, so reading the clock costs nothing measurable. */
export const progressMeter = (projection: string, listener: ProgressListener | undefined, expectedEvents: number | undefined, intervalMs = 250) => {
  const started = performance.now();
  let lastReport = started;
  const report = (events: number, done: boolean): void => {
    if (listener === undefined) return;
    const now = performance.now();
    lastReport = now;
    const elapsedMs = now - started;
    const eventsPerSecond = elapsedMs > 0 ? (events / elapsedMs) * 1000 : 0;
    const expected = expectedEvents === undefined ? undefined : Math.max(expectedEvents, events);
    const etaMs = done ? 0 : expected === undefined || eventsPerSecond === 0 ? undefined : ((expected - events) / eventsPerSecond) * 1000;
    listener({ projection, events, elapsedMs, eventsPerSecond, expectedEvents: expected, etaMs, done });
  };
  return {
    tick(events: number): void {
      if (listener !== undefined && performance.now() - lastReport >= intervalMs) report(events, false);
    },
    finish(events: number): void {
      report(events, true);
    },
  };
};
