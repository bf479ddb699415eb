import { randomUUID } from 'node:crypto';
import type { ContractEvent } from '@fagsign/domain';
import type {
  AppendOptions,
  AppendResult,
  EventSerializer,
  EventStore,
  EventToAppend,
  ProjectionSnapshot,
  ReadStreamOptions,
  ReadStreamResult,
} from '../event-store.js';
import { DuplicateEventId, InvalidCheckpoint, StoreUnavailable, VersionConflict } from '../errors.js';
import { prepareAppend, satisfies, type PreparedAppend } from '../append-rules.js';
import { contractEventSerializer, recordedEventOf, type StoredRow } from '../serializer.js';
import { catchUpSubscription, changeSignal, readLog, type LogSource } from '../catch-up.js';

/*
 * The in-memory store, for tests and the demo. It keeps events in their stored form (JSON text),
 * exactly as the durable stores do, and decodes on every read: a test against it exercises the
 * same codecs, upcasters and errors as production.
 *
 * Append is O(1) per event: one global array and one array of positions per stream, both only
 * ever pushed to. Idempotency: an append whose event ids are all stored in this stream already is a
 * no-op (whatever the expected version); any other reuse of a stored id is a DuplicateEventId.
 */

export interface InMemoryEventStoreOptions<E> {
  readonly serializer?: EventSerializer<E>;
}

interface MemoryRow extends StoredRow {
  readonly position: number;
}

interface MemoryInternals {
  writeRaw(streamName: string, row: Pick<StoredRow, 'eventType' | 'schemaVersion' | 'json'>): void;
}

// Test hooks reach the internals through this map, so the store's public shape stays the port's.
const internals = new WeakMap<object, MemoryInternals>();

export function getInMemoryEventStore(): EventStore<ContractEvent>;
export function getInMemoryEventStore<E>(options: InMemoryEventStoreOptions<E> & { serializer: EventSerializer<E> }): EventStore<E>;
export function getInMemoryEventStore<E>(options: InMemoryEventStoreOptions<E> = {}): EventStore<E> {
  const serializer = options.serializer ?? (contractEventSerializer as unknown as EventSerializer<E>);
  const rows: MemoryRow[] = [];
  const streams = new Map<string, number[]>();
  const eventIds = new Map<string, MemoryRow>();
  const projections = new Map<string, string>();
  const signal = changeSignal();
  let closed = false;

  const ensureOpen = (operation: string): void => {
    if (closed) throw new StoreUnavailable('memory', `${operation}: the store is closed`);
  };

  const store = (streamName: string, positions: number[], event: Pick<StoredRow, 'eventId' | 'eventType' | 'schemaVersion' | 'json'>, prepared: Pick<PreparedAppend, 'correlationId' | 'causationId'>, recordedAt: string): void => {
    const position = rows.length + 1;
    const row: MemoryRow = {
      streamName,
      streamVersion: positions.length + 1,
      checkpoint: String(position),
      position,
      eventId: event.eventId,
      eventType: event.eventType,
      schemaVersion: event.schemaVersion,
      json: event.json,
      correlationId: prepared.correlationId,
      causationId: prepared.causationId,
      recordedAt,
    };
    rows.push(row);
    positions.push(position);
    eventIds.set(event.eventId, row);
  };

  /** The idempotency rule: all ids stored in this stream → the version of the last; any other reuse → error. */
  const alreadyStored = (prepared: PreparedAppend): number | undefined => {
    let firstStored: string | undefined;
    let stored = 0;
    let lastVersion = 0;
    for (const e of prepared.events) {
      const row = eventIds.get(e.eventId);
      if (row === undefined) continue;
      if (row.streamName !== prepared.streamName) throw new DuplicateEventId(prepared.streamName, e.eventId);
      firstStored ??= e.eventId;
      stored++;
      lastVersion = Math.max(lastVersion, row.streamVersion);
    }
    if (firstStored === undefined) return undefined;
    if (stored < prepared.events.length) throw new DuplicateEventId(prepared.streamName, firstStored);
    return lastVersion;
  };

  const source: LogSource<E, MemoryRow> = {
    readPage: async (after, limit) => {
      const from = positionAfter(after);
      return rows.slice(from, from + limit);
    },
    checkpointOf: (row) => row.checkpoint,
    decode: (row) => recordedEventOf(serializer, row),
  };

  const appendToStream = async (streamName: string, events: readonly EventToAppend<E>[], options?: AppendOptions): Promise<AppendResult> => {
    ensureOpen('append');
    const prepared = prepareAppend(serializer, streamName, events, options);
    const positions = streams.get(streamName);
    const current = positions?.length ?? 0;
    const stored = prepared.events.length > 0 ? alreadyStored(prepared) : undefined;
    if (stored !== undefined) return { nextExpectedVersion: stored, lastCheckpoint: undefined };
    if (!satisfies(prepared.expected, current)) throw new VersionConflict(streamName, prepared.expected, current);
    if (prepared.events.length === 0) return { nextExpectedVersion: current, lastCheckpoint: undefined };
    const target = positions ?? [];
    if (positions === undefined) streams.set(streamName, target);
    const recordedAt = new Date().toISOString();
    for (const e of prepared.events) store(streamName, target, e, prepared, recordedAt);
    signal.notify();
    return { nextExpectedVersion: target.length, lastCheckpoint: String(rows.length) };
  };

  const readStream = async (streamName: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult<E>> => {
    ensureOpen('read');
    const positions = streams.get(streamName) ?? [];
    const from = Math.max(1, options.fromVersion ?? 1);
    const to = options.maxCount === undefined ? positions.length : Math.min(positions.length, from - 1 + options.maxCount);
    const events = [];
    for (let version = from; version <= to; version++) events.push(recordedEventOf(serializer, rows[positions[version - 1]! - 1]!));
    return { currentVersion: positions.length, events };
  };

  const eventStore: EventStore<E> = {
    kind: 'memory',
    appendToStream,
    readStream,
    readAll: (options = {}) => {
      ensureOpen('read');
      positionAfter(options.after);
      return readLog(source, options.after, options.batchSize);
    },
    subscribe: (options = {}) => {
      ensureOpen('subscribe');
      positionAfter(options.after);
      // Every append notifies in-process, so there is nothing to poll for.
      return catchUpSubscription(source, signal, options, undefined);
    },
    loadProjection: async (name) => {
      ensureOpen('load projection');
      const saved = projections.get(name);
      return saved === undefined ? undefined : (JSON.parse(saved) as ProjectionSnapshot);
    },
    saveProjection: async (name, snapshot) => {
      ensureOpen('save projection');
      // Stored as JSON, like the durable stores: a state that does not survive JSON fails here, not in production.
      projections.set(name, JSON.stringify({ version: snapshot.version, checkpoint: snapshot.checkpoint, state: snapshot.state }));
    },
    close: async () => {
      closed = true;
    },
  };

  internals.set(eventStore, {
    writeRaw: (streamName, raw) => {
      const positions = streams.get(streamName) ?? [];
      streams.set(streamName, positions);
      store(streamName, positions, { ...raw, eventId: randomUUID() }, { correlationId: undefined, causationId: undefined }, new Date().toISOString());
      signal.notify();
    },
  });
  return eventStore;
}

/** Checkpoints of the memory store are global positions (1, 2, …) as decimal text. */
const positionAfter = (after: string | undefined): number => {
  if (after === undefined) return 0;
  if (!/^(0|[1-9]\d{0,15})$/.test(after)) throw new InvalidCheckpoint('memory', after);
  return Number(after);
};

/** Test hook: stores a row as-is, bypassing the serializer, as a broken or foreign writer would. */
export const writeRawMemoryEvent = (store: EventStore<unknown>, streamName: string, raw: { eventType: string; schemaVersion: number; json: string }): void => {
  const found = internals.get(store);
  if (found === undefined) throw new Error('not an in-memory event store');
  found.writeRaw(streamName, raw);
};
