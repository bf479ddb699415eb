import type pg from 'pg';
import type { ChangeSignal } from '../catch-up.js';

/**
 * One LISTEN connection per store, opened with the first subscription. Appends in other processes
 * announce themselves with a NOTIFY (see `postgresAnnouncer`) that wakes the subscriptions at once;
 * if the connection fails they still poll, so a lost notification (or an aborted transaction that
 * held the horizon back, which never notifies) only costs a poll interval.
 */
export const postgresListener = (Client: typeof pg.Client, url: string, channel: string, signal: ChangeSignal) => {
  let client: pg.Client | undefined;
  let starting: Promise<void> | undefined;
  let stopped = false;

  const start = (): Promise<void> =>
    (starting ??= (async () => {
      const listener = new Client({ connectionString: url });
      listener.on('error', () => {
        // Polling carries on; the next subscription tries to listen again.
        if (client === listener) client = undefined;
        starting = undefined;
      });
      listener.on('notification', () => signal.notify());
      try {
        await listener.connect();
        await listener.query(`LISTEN ${channel}`);
        if (stopped) await listener.end();
        else client = listener;
      } catch {
        starting = undefined;
        await listener.end().catch(() => undefined);
      }
    })());

  return {
    ensureListening(): void {
      if (!stopped && client === undefined) void start();
    },
    async stop(): Promise<void> {
      stopped = true;
      await starting;
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
};

/**
 * Tells other processes' subscriptions that events were committed: a NOTIFY sent after the append
 * committed, in its own tiny transaction, never inside the append's (which would serialize all
 * commits). Coalesced and spaced: while one is on its way or was sent less than `spacingMs` ago,
 * further appends only ask for one more, so a busy writer sends at most one per interval and keeps
 * its pool connections for appends.
 */
export const postgresAnnouncer = (send: () => Promise<unknown>, spacingMs = 20) => {
  let inFlight: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      await send().catch(() => undefined); // subscribers still poll
      await new Promise((resolve) => setTimeout(resolve, spacingMs));
    } while (again);
    inFlight = undefined;
  };
  return {
    announce(): void {
      if (inFlight === undefined) inFlight = run();
      else again = true;
    },
    /** Waits for the last announcement, so the pool can close under it. */
    settle: async (): Promise<void> => {
      await inFlight;
    },
  };
};
