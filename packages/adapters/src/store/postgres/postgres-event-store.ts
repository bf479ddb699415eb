import type { ContractEvent } from '@fagsign/domain';
import type { AppendResult, EventSerializer, EventStore, EventSubscription, ExpectedVersion, ReadAllOptions } from '../event-store.js';
import { DuplicateEventId, InvalidCheckpoint, StoreUnavailable, VersionConflict } from '../errors.js';
import { prepareAppend } from '../append-rules.js';
import { contractEventSerializer, recordedEventOfData, serializerForView } from '../serializer.js';
import { catchUpSubscription, changeSignal, decodedPageLimit, readLog, readLogPages, tracked, type LogSource } from '../catch-up.js';
import { checkSchemaName, notifyChannel } from './postgres-schema.js';
import { migrateWith } from './postgres-migrate.js';
import { sqlState, storeErrorOf } from './postgres-errors.js';
import { postgresAnnouncer, postgresListener } from './postgres-listener.js';
import { postgresQueries, type LogRow } from './postgres-queries.js';
import { postgresCheckpoints } from './postgres-checkpoints.js';
import { registerCheckpointStore } from '../../processing/checkpoint-stores.js';
import { loadStoreClient } from '../optional-client.js';

/*
 * PostgreSQL (`pg`). Appends are one call of the `fagsign_append` function (one round trip, one
 * transaction): it takes the stream's advisory lock, so writers to one stream queue and writers to
 * different streams run in parallel. The global log is read in (transaction id, position) order below the
 * oldest running transaction (see postgres-schema.ts), so a subscriber never skips a late commit.
 *
 * Idempotency: event ids are unique in the schema. An append whose ids are all stored in this
 * stream already is a no-op, whatever its expected version, and returns the version of the last of
 * them; any other reuse of a stored id is a DuplicateEventId and writes nothing.
 */

export interface PostgresEventStoreOptions<E> {
  readonly serializer?: EventSerializer<E>;
  /** Schema for fagsign's tables (default `public`). */
  readonly schema?: string;
  /** Run the migration when opening (default true); set false where a deploy step runs `migratePostgres`. */
  readonly migrate?: boolean;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** Give up connecting after this long (ms, default 10 000). */
  readonly connectionTimeoutMs?: number;
  /** A subscription's fallback poll (ms, default 500); NOTIFY wakes it sooner. */
  readonly pollIntervalMs?: number;
}

const expectedCode = (expected: ExpectedVersion): number =>
  expected === 'any' ? -1 : expected === 'no-stream' ? -2 : expected === 'stream-exists' ? -3 : expected;

export async function openPostgresEventStore(url: string, options?: Omit<PostgresEventStoreOptions<ContractEvent>, 'serializer'>): Promise<EventStore<ContractEvent>>;
export async function openPostgresEventStore<E>(url: string, options: PostgresEventStoreOptions<E> & { serializer: EventSerializer<E> }): Promise<EventStore<E>>;
export async function openPostgresEventStore<E>(url: string, options: PostgresEventStoreOptions<E> = {}): Promise<EventStore<E>> {
  const serializer = options.serializer ?? (contractEventSerializer as unknown as EventSerializer<E>);
  const schema = checkSchemaName(options.schema ?? 'public');
  // Loaded here, not at the top: a user of another store never loads pg.
  const { default: pg } = await loadStoreClient('postgres', 'pg', () => import('pg'));
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000 });
  // An idle connection that breaks must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (options.migrate !== false) await migrateWith(client, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw storeErrorOf(error, 'open');
  }

  const queries = postgresQueries(schema);
  const signal = changeSignal();
  const listener = postgresListener(pg.Client, url, notifyChannel(schema), signal);
  const announcer = postgresAnnouncer(() => pool.query(`BEGIN; SET LOCAL synchronous_commit = off; NOTIFY ${notifyChannel(schema)}; COMMIT`));
  const subscriptions = new Set<EventSubscription<E>>();
  let closed = false;

  /**
   * `name`: a prepared statement (each connection parses and plans it once, then only binds and
   * executes): for the append and the log read, which run on every call.
   */
  const query = async <R>(operation: string, sql: string, values: unknown[], rowMode?: 'array', streamName?: string, name?: string): Promise<R[]> => {
    if (closed) throw new StoreUnavailable('postgres', `${operation}: the store is closed`);
    try {
      const named = name === undefined ? {} : { name: `${name}_${schema}` };
      const result = rowMode === undefined ? await pool.query({ text: sql, values, ...named }) : await pool.query({ text: sql, values, rowMode, ...named });
      return result.rows as R[];
    } catch (error) {
      throw storeErrorOf(error, operation, streamName);
    }
  };

  const sourceOf = (decoder: EventSerializer<E>): LogSource<E, LogRow> => ({
    readPage: (after, limit) => query<LogRow>('read', queries.readPage, [...parseCheckpoint(after), limit], 'array', undefined, 'fagsign_read_page'),
    checkpointOf: (row) => `${row[0]}:${row[1]}`,
    decode: (row) => recordedEventOfData(decoder, queries.storedRowOf(row), row[7]),
    decodedPageLimit,
  });
  const source = sourceOf(serializer);
  const projectionSource = sourceOf(serializerForView(serializer, 'projection'));
  const sourceFor = (view: ReadAllOptions['view']): LogSource<E, LogRow> => (view === 'projection' ? projectionSource : source);

  const appendOnce = async (prepared: ReturnType<typeof prepareAppend>): Promise<AppendResult> => {
    const ids = prepared.events.map((e) => e.eventId);
    const [row] = await query<{ outcome: string; version: number; last_transaction: string | null; last_position: string | null; duplicate_id: string | null }>(
      'append',
      queries.append,
      [
        prepared.streamName,
        expectedCode(prepared.expected),
        ids,
        prepared.events.map((e) => e.eventType),
        prepared.events.map((e) => e.schemaVersion),
        `[${prepared.events.map((e) => e.json).join(',')}]`,
        prepared.correlationId ?? null,
        prepared.causationId ?? null,
      ],
      undefined,
      prepared.streamName,
      'fagsign_append',
    );
    switch (row!.outcome) {
      case 'appended':
        return { nextExpectedVersion: row!.version, lastCheckpoint: row!.last_transaction === null ? undefined : `${row!.last_transaction}:${row!.last_position}` };
      case 'already-stored':
        return { nextExpectedVersion: row!.version, lastCheckpoint: undefined };
      case 'duplicate-id':
        throw new DuplicateEventId(prepared.streamName, row!.duplicate_id!);
      default:
        throw new VersionConflict(prepared.streamName, prepared.expected, row!.version);
    }
  };

  const store: EventStore<E> = {
    kind: 'postgres',
    async appendToStream(streamName, events, appendOptions) {
      const prepared = prepareAppend(serializer, streamName, events, appendOptions);
      let result: AppendResult;
      try {
        result = await appendOnce(prepared);
      } catch (error) {
        // Two appends racing with the same new ids to different streams: the unique index decides,
        // and the retry sees the winner's rows and applies the idempotency rule.
        if (sqlState((error as { cause?: unknown }).cause) !== '23505') throw error;
        result = await appendOnce(prepared);
      }
      if (result.lastCheckpoint !== undefined) {
        signal.notify();
        announcer.announce();
      }
      return result;
    },
    async readStream(streamName, readOptions = {}) {
      const rows = await query<LogRow & { 11: number }>('read', queries.readStream, [streamName, Math.max(1, readOptions.fromVersion ?? 1), readOptions.maxCount ?? null], 'array');
      const currentVersion = rows[0]?.[11] ?? 0;
      const events = rows.filter((row) => row[1] !== null).map(source.decode);
      return { currentVersion, events };
    },
    readAll(readOptions = {}) {
      parseCheckpoint(readOptions.after);
      return readLog(sourceFor(readOptions.view), readOptions.after, readOptions.batchSize);
    },
    readAllPages(readOptions = {}) {
      parseCheckpoint(readOptions.after);
      return readLogPages(sourceFor(readOptions.view), readOptions.after, readOptions.batchSize);
    },
    subscribe(subscribeOptions = {}) {
      parseCheckpoint(subscribeOptions.after);
      listener.ensureListening();
      return tracked(subscriptions, catchUpSubscription(sourceFor(subscribeOptions.view), signal, subscribeOptions, options.pollIntervalMs ?? 500));
    },
    async loadProjection(name) {
      const [row] = await query<{ version: number; checkpoint: string | null; state: unknown }>('load projection', queries.loadProjection, [name]);
      return row === undefined ? undefined : { version: row.version, checkpoint: row.checkpoint ?? undefined, state: row.state };
    },
    async saveProjection(name, snapshot) {
      await query('save projection', queries.saveProjection, [name, snapshot.version, snapshot.checkpoint ?? null, JSON.stringify(snapshot.state) ?? 'null']);
    },
    async close() {
      if (closed) return;
      await Promise.all([...subscriptions].map((s) => s.close()));
      closed = true;
      await announcer.settle();
      await listener.stop();
      await pool.end();
    },
  };
  const countAfter = async (checkpoint: string | undefined): Promise<number> =>
    Number((await query<{ n: string }>('count events', queries.countAfter, parseCheckpoint(checkpoint)))[0]?.n ?? 0);
  registerCheckpointStore(store, postgresCheckpoints(schema, query, countAfter));
  return store;
}

/** Checkpoints of the PostgreSQL store are `<transaction id>:<global position>`. */
const parseCheckpoint = (after: string | undefined): [string, string] => {
  if (after === undefined) return ['0', '0'];
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(after);
  if (match === null) throw new InvalidCheckpoint('postgres', after);
  return [match[1]!, match[2]!];
};
