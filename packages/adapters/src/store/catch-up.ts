import type { EventSubscription, RecordedEvent, SubscribeOptions } from './event-store.js';
import { StoreUnavailable } from './errors.js';

/*
 * The global-log reading shared by the memory, SQLite and PostgreSQL stores: `readAll` pages
 * through the log by checkpoint, and a catch-up subscription keeps paging, then waits for a change
 * signal (an in-process append, a PostgreSQL NOTIFY) or a poll timer before it pages again.
 */

/** Where the global log comes from: pages of raw rows, decoded one by one as they are yielded. */
export interface LogSource<E, Row> {
  readPage(after: string | undefined, limit: number): Promise<readonly Row[]>;
  checkpointOf(row: Row): string;
  decode(row: Row): RecordedEvent<E>;
  /**
   * The most decoded events a yielded page holds (`decodedPageLimit` for a source whose decode
   * allocates: the SQLite and PostgreSQL stores); a read is handed on whole when left out (the
   * memory store hands out the events it keeps, so slices would only add promises).
   */
  readonly decodedPageLimit?: number;
}

export const defaultBatchSize = 1000;

/**
 * The most events a yielded page holds for a source that decodes rows (SQLite, PostgreSQL),
 * whatever the number of rows read at once. A read of `batchSize` rows is decoded and handed on
 * in slices of this size, so each slice's events are
 * applied and dropped before the next slice is made: they die young, in V8's young generation.
 * Decoded a whole page of 1000 at a time, they lived through the collections that the decode of
 * the rest of the page caused and were promoted to the old generation as garbage. Measured on the
 * projections bench's 1M-event SQLite file with a distinct mobile number per contract (Node 20,
 * interleaved runs): peak RSS 428–431 MB with whole pages, 243–275 MB in slices of 250, and no
 * slower (59–60 k against 47–53 k events/s). A slice still costs one promise, not one per event.
 * The memory store keeps its events decoded and hands them out as they are: it sets no limit, since
 * there slices only cost (0.94 × the catch-up rate in an interleaved A/B over 1M events).
 */
export const decodedPageLimit = 250;

/**
 * Pages through the log: rows are read `batchSize` at a time, the next read starting while the
 * current rows are consumed, and handed on decoded in pages of at most the source's
 * `decodedPageLimit` (the whole read when it sets none), a page per promise. Rows are decoded in
 * order; an unreadable event fails exactly where it stands: the events before it are yielded
 * first, then the error is thrown. Pages are never empty.
 */
export async function* readLogPages<E, Row>(
  source: LogSource<E, Row>,
  after: string | undefined,
  batchSize = defaultBatchSize,
): AsyncGenerator<readonly RecordedEvent<E>[]> {
  let next: Promise<readonly Row[]> | undefined = source.readPage(after, batchSize);
  while (next !== undefined) {
    const rows: readonly Row[] = await next;
    next = undefined;
    if (rows.length === batchSize) {
      next = source.readPage(source.checkpointOf(rows[rows.length - 1]!), batchSize);
      // A consumer that stops early never awaits it: keep its failure from being unhandled.
      next.catch(() => undefined);
    }
    const slice = source.decodedPageLimit ?? rows.length;
    for (let start = 0; start < rows.length; start += slice) {
      const end = Math.min(rows.length, start + slice);
      const page: RecordedEvent<E>[] = [];
      try {
        for (let i = start; i < end; i++) page.push(source.decode(rows[i]!));
      } catch (error) {
        if (page.length > 0) yield page;
        throw error;
      }
      yield page;
    }
  }
}

/** The log event by event: `readLogPages`, flattened. */
export async function* readLog<E, Row>(
  source: LogSource<E, Row>,
  after: string | undefined,
  batchSize = defaultBatchSize,
): AsyncGenerator<RecordedEvent<E>> {
  for await (const page of readLogPages(source, after, batchSize)) yield* page;
}

/** Wakes waiting subscriptions when new events may be there. `version` counts notifications, so none is missed. */
export interface ChangeSignal {
  readonly version: number;
  notify(): void;
  listen(listener: () => void): () => void;
}

export const changeSignal = (): ChangeSignal => {
  const listeners = new Set<() => void>();
  let version = 0;
  return {
    get version() {
      return version;
    },
    notify() {
      version++;
      if (listeners.size > 0) for (const listener of [...listeners]) listener();
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

/**
 * A catch-up subscription over a log source. It reads from `after` to the end, then waits for the
 * signal or `pollIntervalMs` (undefined: the signal only) and continues, until closed.
 */
export const catchUpSubscription = <E, Row>(
  source: LogSource<E, Row>,
  signal: ChangeSignal,
  options: SubscribeOptions,
  defaultPollIntervalMs: number | undefined,
): EventSubscription<E> => {
  const batchSize = options.batchSize ?? defaultBatchSize;
  const pollIntervalMs = options.pollIntervalMs ?? defaultPollIntervalMs;
  let closed = false;
  let wakeNow: (() => void) | undefined;

  const waitForChange = (seen: number): Promise<void> =>
    new Promise<void>((resolve) => {
      if (closed || signal.version !== seen) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const wake = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        stopListening();
        wakeNow = undefined;
        resolve();
      };
      const stopListening = signal.listen(wake);
      if (pollIntervalMs !== undefined) timer = setTimeout(wake, pollIntervalMs);
      wakeNow = wake;
    });

  /** Waits `ms`, or less if the subscription is closed meanwhile. */
  const pause = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wakeNow = undefined;
        resolve();
      }, ms);
      wakeNow = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /**
   * A page, read again after a lost connection (a PostgreSQL backend killed, a restart, a network
   * break): with back-off from 100 ms to 5 s, from the same checkpoint, so nothing is skipped and
   * nothing delivered twice. Only StoreUnavailable is retried; an unreadable event is not transient.
   */
  const readPageResiliently = async (after: string | undefined): Promise<readonly Row[]> => {
    for (let backoffMs = 100; ; backoffMs = Math.min(5000, backoffMs * 2)) {
      try {
        return await source.readPage(after, batchSize);
      } catch (error) {
        if (!(error instanceof StoreUnavailable) || closed) throw error;
        await pause(backoffMs);
        if (closed) return [];
      }
    }
  };

  async function* follow(): AsyncGenerator<RecordedEvent<E>> {
    let after = options.after;
    while (!closed) {
      const seen = signal.version;
      const rows = await readPageResiliently(after);
      for (const row of rows) {
        if (closed) return;
        const recorded = source.decode(row);
        after = source.checkpointOf(row);
        yield recorded;
      }
      if (rows.length < batchSize) await waitForChange(seen);
    }
  }

  const iterator = follow();
  let iterated = false;
  return {
    [Symbol.asyncIterator]() {
      // One subscription, one reader: a second iterator would share (and steal from) the first.
      if (iterated) throw new Error('A subscription can be iterated only once; subscribe again for a second reader');
      iterated = true;
      return iterator;
    },
    async close() {
      closed = true;
      wakeNow?.();
      await iterator.return(undefined);
    },
  };
};

/** Keeps a store's open subscriptions in `open`, so closing the store closes them; each leaves the set when closed. */
export const tracked = <E>(open: Set<EventSubscription<E>>, subscription: EventSubscription<E>): EventSubscription<E> => {
  const wrapped: EventSubscription<E> = {
    [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
    close: async () => {
      open.delete(wrapped);
      await subscription.close();
    },
  };
  open.add(wrapped);
  return wrapped;
};
