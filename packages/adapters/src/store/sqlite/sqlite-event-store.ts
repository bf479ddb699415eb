import type { ContractEvent } from '@fagsign/domain';
import type { EventSerializer, EventStore, EventSubscription, ReadAllOptions } from '../event-store.js';
import { DuplicateEventId, InvalidCheckpoint, NotAFagsignStore, StoreError, StoredProjectionUnreadable, StoreUnavailable, VersionConflict } from '../errors.js';
import { prepareAppend, recordedNow, satisfies, type PreparedAppend } from '../append-rules.js';
import { contractEventSerializer, recordedEventOf, serializerForView } from '../serializer.js';
import { catchUpSubscription, changeSignal, decodedPageLimit, readLog, readLogPages, tracked, type LogSource } from '../catch-up.js';
import { sqliteCachePragma, sqlitePragmas, sqliteSchema, sqliteSchemaVersion, type SqliteDurability } from './sqlite-schema.js';
import { prepareSqliteFile } from './sqlite-file.js';
import { recordedOfRaw, sqliteStatements, type RawRow, type SqliteStatements } from './sqlite-statements.js';
import { sqliteCheckpoints } from './sqlite-checkpoints.js';
import { registerCheckpointStore } from '../../processing/checkpoint-stores.js';
import { isNativeAddonLoadFailure, loadStoreClient, StoreClientMissing } from '../optional-client.js';

/*
 * The embedded default: one SQLite file, better-sqlite3 12, WAL.
 *
 * Each append is one IMMEDIATE transaction (the write lock is taken before the stream's version is
 * read), so a batch is stored whole or not at all and two writers, even in two processes, never
 * both get the same version.
 *
 * Idempotency: event ids are unique in the file. An append whose ids are all stored in this stream
 * already is a no-op, whatever its expected version, and returns the version of the last of them;
 * an append that reuses a stored id otherwise (part of the batch, or from another stream) is a
 * DuplicateEventId and writes nothing.
 */

export interface SqliteEventStoreOptions<E> {
  readonly serializer?: EventSerializer<E>;
  /** 'normal' (default) survives a crash of the process; 'full' also a power loss, at some speed. */
  readonly durability?: SqliteDurability;
  /** How often a subscription looks for events appended by other processes (ms, default 200). */
  readonly pollIntervalMs?: number;
  /**
   * Open without writing anything (reports, status, verify): works on a read-only file, never
   * migrates, and refuses appends and projection saves. The file must exist and be a fagsign store.
   */
  readonly readOnly?: boolean;
}

const defaultPollIntervalMs = 200;

export async function openSqliteEventStore(path: string, options?: Omit<SqliteEventStoreOptions<ContractEvent>, 'serializer'>): Promise<EventStore<ContractEvent>>;
export async function openSqliteEventStore<E>(path: string, options: SqliteEventStoreOptions<E> & { serializer: EventSerializer<E> }): Promise<EventStore<E>>;
export async function openSqliteEventStore<E>(path: string, options: SqliteEventStoreOptions<E> = {}): Promise<EventStore<E>> {
  const serializer = options.serializer ?? (contractEventSerializer as unknown as EventSerializer<E>);
  // Loaded here, not at the top: a user of another store never loads the native module.
  const { default: Database } = await loadStoreClient('sqlite', 'better-sqlite3', () => import('better-sqlite3'));
  const readOnly = options.readOnly === true;
  const file = prepareSqliteFile(path, readOnly);
  let db: InstanceType<typeof Database>;
  try {
    db = readOnly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path);
  } catch (error) {
    if (isNativeAddonLoadFailure(error)) throw new StoreClientMissing('sqlite', 'better-sqlite3', true, error);
    throw new StoreUnavailable('sqlite', 'open', error);
  }
  try {
    if (file === 'existing') assertFagsignSchema(db, path);
    if (readOnly) {
      db.pragma('busy_timeout = 5000');
      db.pragma(sqliteCachePragma);
    } else {
      for (const pragma of sqlitePragmas(options.durability ?? 'normal')) db.pragma(pragma);
      migrate(db);
    }
  } catch (error) {
    db.close();
    if (error instanceof NotAFagsignStore) throw error;
    throw new StoreUnavailable('sqlite', 'open', error);
  }
  const writable = (operation: string): void => {
    if (readOnly) throw new StoreUnavailable('sqlite', `${operation}: the store is opened read-only`);
  };
  const statements = sqliteStatements(db);
  const signal = changeSignal();
  const subscriptions = new Set<EventSubscription<E>>();
  let closed = false;

  /** Runs a database call, turning driver failures (busy, I/O, closed) into StoreUnavailable. */
  const guarded = <T>(operation: string, run: () => T): T => {
    if (closed) throw new StoreUnavailable('sqlite', `${operation}: the store is closed`);
    try {
      return run();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreUnavailable('sqlite', operation, error);
    }
  };

  const appendInTransaction = db.transaction((prepared: PreparedAppend, recordedAt: string) => {
    const current = statements.streamVersion(prepared.streamName);
    if (!satisfies(prepared.expected, current)) {
      const stored = alreadyStored(statements, prepared);
      if (stored !== undefined) return { nextExpectedVersion: stored, lastCheckpoint: undefined };
      throw new VersionConflict(prepared.streamName, prepared.expected, current);
    }
    let position = 0;
    let version = current;
    for (const e of prepared.events) {
      version++;
      position = statements.insert(prepared.streamName, version, e.eventId, e.eventType, e.schemaVersion, e.json, prepared.correlationId ?? null, prepared.causationId ?? null, recordedAt);
    }
    return { nextExpectedVersion: version, lastCheckpoint: prepared.events.length === 0 ? undefined : String(position) };
  });

  const sourceOf = (decoder: EventSerializer<E>): LogSource<E, RawRow> => ({
    readPage: async (after, limit) => guarded('read', () => statements.readPage(positionAfter(after), limit)),
    checkpointOf: (row) => String(row[0]),
    decode: (row) => recordedOfRaw(decoder, row),
    decodedPageLimit,
  });
  const source = sourceOf(serializer);
  const projectionSource = sourceOf(serializerForView(serializer, 'projection'));
  const sourceFor = (view: ReadAllOptions['view']): LogSource<E, RawRow> => (view === 'projection' ? projectionSource : source);

  // One read transaction, so the events and the current version come from the same snapshot.
  const readStreamInTransaction = db.transaction((streamName: string, fromVersion: number, maxCount: number) => ({
    currentVersion: statements.streamVersion(streamName),
    rows: statements.readStream(streamName, fromVersion, maxCount),
  }));

  const store: EventStore<E> = {
    kind: 'sqlite',
    async appendToStream(streamName, events, appendOptions) {
      writable('append');
      const prepared = prepareAppend(serializer, streamName, events, appendOptions);
      const result = guarded('append', () => {
        try {
          return appendInTransaction.immediate(prepared, recordedNow());
        } catch (error) {
          // A stored id makes the INSERT fail and the whole transaction roll back; then the rule decides.
          if (!isEventIdViolation(error)) throw error;
          const stored = alreadyStored(statements, prepared);
          if (stored === undefined) throw error;
          return { nextExpectedVersion: stored, lastCheckpoint: undefined };
        }
      });
      if (result.lastCheckpoint !== undefined) signal.notify();
      return result;
    },
    async readStream(streamName, readOptions = {}) {
      const { currentVersion, rows } = guarded('read', () =>
        readStreamInTransaction(streamName, Math.max(1, readOptions.fromVersion ?? 1), readOptions.maxCount ?? -1),
      );
      return { currentVersion, events: rows.map((row) => recordedEventOf(serializer, row)) };
    },
    readAll(readOptions = {}) {
      positionAfter(readOptions.after);
      return readLog(sourceFor(readOptions.view), readOptions.after, readOptions.batchSize);
    },
    readAllPages(readOptions = {}) {
      positionAfter(readOptions.after);
      return readLogPages(sourceFor(readOptions.view), readOptions.after, readOptions.batchSize);
    },
    subscribe(subscribeOptions = {}) {
      positionAfter(subscribeOptions.after);
      // In-process appends wake subscribers at once; the poll finds appends made by other processes.
      return tracked(subscriptions, catchUpSubscription(sourceFor(subscribeOptions.view), signal, subscribeOptions, options.pollIntervalMs ?? defaultPollIntervalMs));
    },
    async loadProjection(name) {
      const row = guarded('load projection', () => statements.loadProjection(name));
      if (row === undefined) return undefined;
      let state: unknown;
      try {
        state = JSON.parse(row.state);
      } catch {
        throw new StoredProjectionUnreadable(name);
      }
      return { version: row.version, checkpoint: row.checkpoint ?? undefined, state };
    },
    async saveProjection(name, snapshot) {
      writable('save projection');
      guarded('save projection', () =>
        statements.saveProjection(name, snapshot.version, snapshot.checkpoint ?? null, JSON.stringify(snapshot.state) ?? 'null', new Date().toISOString()),
      );
    },
    async close() {
      if (closed) return;
      await Promise.all([...subscriptions].map((s) => s.close()));
      closed = true;
      db.close();
    },
  };
  registerCheckpointStore(store, sqliteCheckpoints(db, guarded));
  return store;
}

/** The idempotency rule: all ids stored in this stream → the version of the last; any other reuse → error. */
const alreadyStored = (statements: SqliteStatements, prepared: PreparedAppend): number | undefined => {
  let firstStored: string | undefined;
  let stored = 0;
  let lastVersion = 0;
  for (const e of prepared.events) {
    const row = statements.byEventId(e.eventId);
    if (row === undefined) continue;
    if (row.stream_name !== prepared.streamName) throw new DuplicateEventId(prepared.streamName, e.eventId);
    firstStored ??= e.eventId;
    stored++;
    lastVersion = Math.max(lastVersion, row.stream_version);
  }
  if (firstStored === undefined) return undefined;
  if (stored < prepared.events.length) throw new DuplicateEventId(prepared.streamName, firstStored);
  return lastVersion;
};

const isEventIdViolation = (error: unknown): boolean =>
  error instanceof Error && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('event_id');

/** Checkpoints of the SQLite store are global positions (rowids) as decimal text. */
const positionAfter = (after: string | undefined): number => {
  if (after === undefined) return 0;
  if (!/^(0|[1-9]\d{0,15})$/.test(after)) throw new InvalidCheckpoint('sqlite', after);
  return Number(after);
};

/** An existing SQLite file must hold the fagsign event table: another program's database is left alone. */
const assertFagsignSchema = (db: { prepare(sql: string): { get(): unknown } }, path: string): void => {
  let found: unknown;
  try {
    found = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fagsign_events'").get();
  } catch {
    throw new NotAFagsignStore('sqlite', path, 'the file is not a readable SQLite database');
  }
  if (found === undefined) throw new NotAFagsignStore('sqlite', path, 'the SQLite database holds no fagsign event log');
};

const migrate = (db: { exec(sql: string): unknown; pragma(sql: string, options?: { simple: boolean }): unknown }): void => {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > sqliteSchemaVersion) throw new Error(`the file has schema version ${version}; this fagsign knows up to ${sqliteSchemaVersion}`);
  db.exec(`BEGIN IMMEDIATE; ${sqliteSchema} PRAGMA user_version = ${sqliteSchemaVersion}; COMMIT;`);
};
