/*
 * The SQLite schema. `global_position` is the rowid: SQLite has one writer at a time, so positions
 * are handed out in commit order and a reader never sees a later position before an earlier one.
 * Rows are never deleted, so a rowid is never reused.
 */

export const sqliteSchemaVersion = 2;

export const sqliteSchema = `
CREATE TABLE IF NOT EXISTS fagsign_events (
  global_position INTEGER PRIMARY KEY,
  stream_name     TEXT    NOT NULL,
  stream_version  INTEGER NOT NULL,
  event_id        TEXT    NOT NULL UNIQUE,
  event_type      TEXT    NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            TEXT    NOT NULL,
  correlation_id  TEXT,
  causation_id    TEXT,
  recorded_at     TEXT    NOT NULL,
  UNIQUE (stream_name, stream_version)
);
CREATE TABLE IF NOT EXISTS fagsign_projections (
  name       TEXT    PRIMARY KEY,
  version    INTEGER NOT NULL,
  checkpoint TEXT,
  state      TEXT    NOT NULL,
  saved_at   TEXT    NOT NULL
);
-- Version 2: processors' checkpoints, state and lease in one row (see processing/checkpoint-store.ts).
CREATE TABLE IF NOT EXISTS fagsign_processors (
  name             TEXT    PRIMARY KEY,
  checkpoint       TEXT,
  state            TEXT    NOT NULL,
  holder           TEXT,
  lease_expires_at INTEGER,
  saved_at         TEXT    NOT NULL
);
`;

/**
 * The connection's page cache: SQLite's own default of 2,000 KiB. better-sqlite3 builds SQLite with
 * 16,000 KiB, which a read through the whole log (a runner's or a projection's cold start) fills and
 * keeps for the life of the process: 14 MB of resident memory more than this, for no append or
 * stream-read speed we could measure on a store of a million events (the operating system caches
 * the file anyway). See the runner benchmark in the adapters README.
 */
export const sqliteCachePragma = 'cache_size = -2000';

/** How hard a commit holds on. Both survive the process being killed; only 'full' survives power loss. */
export type SqliteDurability = 'normal' | 'full';

/**
 * WAL lets readers (projections, subscriptions) run while one writer appends. With synchronous
 * NORMAL a commit is written to the WAL before the append returns, so it survives a crash of the
 * process (the crash test kills writers with SIGKILL to prove it); only a power loss or OS crash
 * can lose the last commits, never corrupt the file. FULL also fsyncs every commit: about 40%
 * slower appends on the machines we measured, for power-loss durability.
 */
export const sqlitePragmas = (durability: SqliteDurability): string[] => [
  'journal_mode = WAL',
  sqliteCachePragma,
  `synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`,
  // Another process holding the write lock makes us wait, not fail.
  'busy_timeout = 5000',
  'foreign_keys = ON',
  // Checkpoint the WAL into the database every ~40 MB instead of every ~4 MB: each checkpoint
  // syncs the file, and at the default they bounded batched appends at about 33 k events/s here
  // (45 k with this; a WAL never checkpointed reached 66 k but grows without end).
  'wal_autocheckpoint = 10000',
  // Deleted rows (a replaced projection snapshot; an erased key, see privacy/sqlite-key-store.ts)
  // are overwritten, not left in free pages. Costs little: the log itself is append-only.
  'secure_delete = ON',
];
