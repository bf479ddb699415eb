/*
 * The service's status queue: a fetched change stays in the queue, invisible for a while, and
 * comes back unless it is confirmed in time (Posten waits 10 minutes). Times are milliseconds on
 * the simulated clock.
 */

interface Entry<T> {
  readonly token: string;
  readonly item: T;
  visibleAt: number;
}

export interface StatusQueue<T> {
  push(token: string, item: T, at: number): void;
  /** Up to `max` visible items, oldest first; each is hidden for `hideMs` unless confirmed. */
  take(now: number, max: number, hideMs: number): { token: string; item: T }[];
  /** Removes the item; true when it was still there. Confirming twice is harmless. */
  confirm(token: string): boolean;
  readonly size: number;
}

export const statusQueue = <T>(): StatusQueue<T> => {
  const entries: Entry<T>[] = [];
  return {
    push(token, item, at) {
      entries.push({ token, item, visibleAt: at });
    },
    take(now, max, hideMs) {
      const taken = entries.filter((e) => e.visibleAt <= now).slice(0, max);
      for (const e of taken) e.visibleAt = now + hideMs;
      return taken.map(({ token, item }) => ({ token, item }));
    },
    confirm(token) {
      const i = entries.findIndex((e) => e.token === token);
      if (i < 0) return false;
      entries.splice(i, 1);
      return true;
    },
    get size() {
      return entries.length;
    },
  };
};
