import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { RawRow } from './sqlite-statements.js';

/*
 * Read-ahead for the global log of an SQLite file: a second thread with its own read-only
 * connection reads the next page while this thread decodes and applies the current one. better-
 * sqlite3 builds every cell of a row as a JavaScript string, which is about a third of a rebuild's
 * time on one thread; on the reader thread it overlaps with the decode and the projection's apply.
 *
 * The reader hands a page over by column (see Reply), and the stored data texts as one JSON array,
 * so this thread parses a page's data with one `JSON.parse` instead of building every cell and
 * parsing each row's data. A page whose data does not parse as exactly one value per row (a row whose data
 * is not JSON) is read again on this thread, row by row, so an unreadable event fails where it
 * stands as it always did.
 *
 * The thread is started only after a read on this thread found a full page (a log that fits in one
 * page never starts it), and ends when a read reaches the end of the log, after 2 s without a read,
 * or with the store, so a service that is up to date holds no second thread or its memory. It never
 * keeps the process alive while idle. If it cannot start or fails, reads go on, on this thread.
 */

/** A row of the log with its data parsed, or `unreadableData` where the stored text is not JSON. */
export type ParsedRow = [number, string, number, string, string, number, unknown, string | null, string | null, string];

/** Stands for data whose stored text does not parse: the decode turns it into StoredEventUnreadable. */
export const unreadableData: unique symbol = Symbol('unreadable data');

/** A raw row with its data parsed here, on this thread. */
export const parsedRowOf = (raw: RawRow): ParsedRow => {
  let data: unknown;
  try {
    data = JSON.parse(raw[6]);
  } catch {
    data = unreadableData;
  }
  return [raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], data, raw[7], raw[8], raw[9]];
};

export interface SqliteReadAhead {
  /**
   * The page after `after` from the reader thread: the rows, or undefined when this thread must
   * read it itself (the reader is not started, has stopped, or the page's text did not check out).
   */
  read(after: number, limit: number): Promise<ParsedRow[] | undefined>;
  /** Starts the reader thread if it is not running yet: a read found a full page, so more will follow. */
  warm(): void;
  /** Whether a reader thread is running now. */
  readonly running: boolean;
  /** Ends the reader thread for good; pending reads answer undefined. */
  close(): Promise<void>;
}

/**
 * What the reader thread answers for one page. Each string cell costs this thread a string to
 * build on receipt, so the cells are few: the numbers in typed arrays, each event type once with an
 * index per row, the stream names, event ids and record times each joined into one text (split
 * here), and the stored data texts as one JSON array.
 */
type Reply =
  | {
      readonly id: number;
      readonly positions: Float64Array;
      readonly versions: Float64Array;
      readonly schemaVersions: Float64Array;
      readonly typeNames: readonly string[];
      readonly types: Uint16Array;
      readonly streams: string;
      readonly eventIds: string;
      readonly recordedAts: string;
      readonly correlationIds: readonly (string | null)[];
      readonly causationIds: readonly (string | null)[];
      readonly data: string;
    }
  | { readonly id: number; readonly failed: string };

// Plain CommonJS, run by the worker as given (eval): it needs nothing but the driver, found by path.
const readerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const page = db.prepare('SELECT global_position, stream_name, stream_version, event_id, event_type, schema_version, data, correlation_id, causation_id, recorded_at FROM fagsign_events WHERE global_position > ? ORDER BY global_position LIMIT ?').raw();
parentPort.on('message', ({ id, after, limit }) => {
  let rows;
  try {
    rows = page.all(after, limit);
  } catch (error) {
    parentPort.postMessage({ id, failed: String(error && error.code) });
    return;
  }
  const n = rows.length;
  const positions = new Float64Array(n), versions = new Float64Array(n), schemaVersions = new Float64Array(n), types = new Uint16Array(n);
  const typeIndex = new Map(), typeNames = [];
  const streams = new Array(n), eventIds = new Array(n), recordedAts = new Array(n), data = new Array(n), correlationIds = new Array(n), causationIds = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    positions[i] = r[0]; streams[i] = r[1]; versions[i] = r[2]; eventIds[i] = r[3];
    let t = typeIndex.get(r[4]);
    if (t === undefined) { t = typeNames.length; typeNames.push(r[4]); typeIndex.set(r[4], t); }
    types[i] = t;
    schemaVersions[i] = r[5]; data[i] = r[6]; correlationIds[i] = r[7]; causationIds[i] = r[8]; recordedAts[i] = r[9];
  }
  parentPort.postMessage(
    { id, positions, versions, schemaVersions, typeNames, types, streams: streams.join('\\n'), eventIds: eventIds.join('\\n'), recordedAts: recordedAts.join('\\n'), correlationIds, causationIds, data: '[' + data.join(',') + ']' },
    [positions.buffer, versions.buffer, schemaVersions.buffer, types.buffer],
  );
});
`;

/** A joined text split into exactly `n` cells, or undefined (a cell held the separator itself). */
const cells = (text: string, n: number): string[] | undefined => {
  const split = n === 0 ? [] : text.split('\n');
  return split.length === n ? split : undefined;
};

/**
 * The rows of a page, or undefined unless every column comes apart into one cell per row and the
 * data texts parse as exactly one JSON value each: a stored text that is not JSON (or a name that
 * holds a line break) breaks the parse or a count, and the page is read again here.
 */
const rowsOfPage = (page: Exclude<Reply, { failed: string }>): ParsedRow[] | undefined => {
  const n = page.positions.length;
  const streams = cells(page.streams, n);
  const eventIds = cells(page.eventIds, n);
  const recordedAts = cells(page.recordedAts, n);
  if (streams === undefined || eventIds === undefined || recordedAts === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(page.data);
  } catch {
    return undefined;
  }
  if (!Array.isArray(data) || data.length !== n) return undefined;
  const rows = new Array<ParsedRow>(n);
  for (let i = 0; i < n; i++) {
    rows[i] = [page.positions[i]!, streams[i]!, page.versions[i]!, eventIds[i]!, page.typeNames[page.types[i]!]!, page.schemaVersions[i]!, data[i], page.correlationIds[i]!, page.causationIds[i]!, recordedAts[i]!];
  }
  return rows;
};

/** Where this module's own require finds better-sqlite3: the same package the store opened. */
const driverPath = (): string | undefined => {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return undefined;
  }
};

/** How long a reader thread with nothing to read is kept before it ends (ms). */
const idleMs = 2000;

/** Read-ahead for the SQLite file at `file` (never ':memory:', which another connection cannot see). */
export const sqliteReadAhead = (file: string): SqliteReadAhead => {
  let worker: Worker | undefined;
  let failed = false;
  let nextId = 0;
  let idle: NodeJS.Timeout | undefined;
  const pending = new Map<number, (reply: Reply | undefined) => void>();

  /** Ends the current reader; pending reads answer undefined (read here). `broken`: never start another. */
  const end = (broken: boolean): Promise<number> | undefined => {
    if (broken) failed = true;
    if (idle !== undefined) clearTimeout(idle);
    idle = undefined;
    const ending = worker;
    worker = undefined;
    const waiting = [...pending.values()];
    pending.clear();
    for (const answer of waiting) answer(undefined);
    return ending?.terminate();
  };

  const start = (): void => {
    const driver = driverPath();
    let started: Worker;
    try {
      if (driver === undefined) throw new Error('better-sqlite3 not found');
      started = new Worker(readerSource, { eval: true, workerData: { driver, file }, execArgv: [] });
    } catch {
      failed = true;
      return;
    }
    worker = started;
    started.unref();
    started.on('message', (reply: Reply) => {
      const answer = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      answer?.(reply);
    });
    // A reader that cannot open the file, or dies, leaves the reading to this thread for good.
    const broken = (): void => {
      if (worker === started) void end(true);
    };
    started.on('error', broken);
    started.on('exit', broken);
  };

  return {
    get running() {
      return worker !== undefined;
    },
    warm() {
      if (worker === undefined && !failed) start();
    },
    async read(after, limit) {
      const reader = worker;
      if (reader === undefined) return undefined;
      if (idle !== undefined) clearTimeout(idle);
      const id = nextId++;
      const reply = await new Promise<Reply | undefined>((resolve) => {
        pending.set(id, resolve);
        // held while an answer is awaited, so the process does not end under a read
        reader.ref();
        reader.postMessage({ id, after, limit });
      });
      if (reply === undefined || 'failed' in reply) return undefined;
      // The end of the log: this read is over, and the thread's memory is given back until the next long read.
      if (reply.positions.length < limit) void end(false);
      else if (worker === reader) idle = setTimeout(() => void end(false), idleMs).unref();
      return rowsOfPage(reply);
    },
    async close() {
      await end(true);
    },
  };
};
