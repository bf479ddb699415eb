import type pg from 'pg';
import type { ChangeSignal } from '../catch-up.js';

/**
 * One LISTEN connection per store, opened with the first subscription. Each append's NOTIFY wakes
 * the subscriptions at once; if the connection fails they still poll, so a lost notification (or
 * an aborted transaction that held the horizon back, which never notifies) only costs a poll interval.
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
