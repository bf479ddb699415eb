import { randomUUID } from 'node:crypto';
import type { ContractEvent, Instant } from '@fagsign/domain';
import type {
  AppendOptions,
  AppendResult,
  EventSerializer,
  EventStore,
  EventSubscription,
  EventToAppend,
  ProjectionSnapshot,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  ReadStreamResult,
} from '../event-store.js';
import { DuplicateEventId, InvalidCheckpoint, StoreUnavailable, VersionConflict } from '../errors.js';
import { checkAppend, checkReadable, recordedNow, satisfies, type CheckedAppend } from '../append-rules.js';
import { memoryLog, RawMemoryRow } from './memory-log.js';
import { contractEventSerializer, recordedEventOf, serializerForView } from '../serializer.js';
import { catchUpSubscription, changeSignal, readLog, readLogPages, tracked, type LogSource } from '../catch-up.js';

/*
 * The in-memory store, for tests and the demo. It keeps each event as it was appended, by
 * reference and frozen (its plain objects and arrays, deeply: changing an event after appending it
 * throws instead of changing the store), so an append costs no serializing and a read no decoding.
 * Each stream holds its recorded events, built and frozen once at append; a read of the whole
 * stream hands out one frozen copy of that list (see `lists`), shared by every read until the next
 * append, and a read of part of it a slice: no event is copied or decoded on read. The stored form
 * and its codecs are exercised by the durable stores, which run the same contract suite; a row
 * written as a broken or foreign writer would (writeRawMemoryEvent) is decoded on read and refused
 * like theirs. An append is encoded and decoded once, and refused when it would not read back
 * (InvalidAppend), so the memory store accepts exactly what the durable ones accept; only the
 * stored form is dropped.
 *
 * Append is O(1) per event (one global array per column and one array of recorded events per
 * stream, all only ever pushed to), plus the copy of a short stream's list. Idempotency: an append
 * whose event ids are all stored in this stream already is a no-op (whatever the expected
 * version); any other reuse of a stored id is a DuplicateEventId.
 */

export interface InMemoryEventStoreOptions<E> {
  readonly serializer?: EventSerializer<E>;
}

/** One stream: its recorded events in version order. */
interface MemoryStream<E> {
  readonly events: RecordedEvent<E>[];
  /**
   * Rows written through the test hook (writeRawMemoryEvent), stream version → log position: decoded
   * (or refused) on every read, like a durable store's rows. `events` holds a placeholder at their
   * versions, never handed out.
   */
  raw: Map<number, number> | undefined;
}

interface MemoryInternals {
  writeRaw(streamName: string, row: { eventType: string; schemaVersion: number; json: string }): void;
}

// Test hooks reach the internals through this map, so the store's public shape stays the port's.
const internals = new WeakMap<object, MemoryInternals>();

export function getInMemoryEventStore(): EventStore<ContractEvent>;
export function getInMemoryEventStore<E>(options: InMemoryEventStoreOptions<E> & { serializer: EventSerializer<E> }): EventStore<E>;
export function getInMemoryEventStore<E>(options: InMemoryEventStoreOptions<E> = {}): EventStore<E> {
  const serializer = options.serializer ?? (contractEventSerializer as unknown as EventSerializer<E>);
  const log = memoryLog<E>();
  const streams = new Map<string, MemoryStream<E>>();
  const streamOf = (streamName: string): MemoryStream<E> => {
    let stream = streams.get(streamName);
    if (stream === undefined) streams.set(streamName, (stream = { events: [], raw: undefined }));
    return stream;
  };
  /**
   * What a read of a whole stream hands out: a frozen copy of its events, current until the next
   * append. A short stream's (up to 256 events, a contract's history is 10–30) is made at append,
   * so the decider's next read copies nothing; a longer one's on its first read after an append,
   * so that appending to it a little at a time stays O(1). A stream with rows from the test hook
   * has none: it is decoded on every read.
   */
  const lists = new Map<string, readonly RecordedEvent<E>[]>();
  /**
   * Every stored event id, with its position: the idempotency rule's index. Built on the first
   * append that gives its own ids (only those can repeat), then kept up: a log that only ever gets
   * fresh random ids never pays for a map of millions of them.
   */
  let eventIds: Map<string, number> | undefined;
  const idIndex = (): Map<string, number> => {
    if (eventIds === undefined) {
      eventIds = new Map();
      for (let position = 1; position <= log.length; position++) eventIds.set(log.eventIdAt(position), position);
    }
    return eventIds;
  };
  const projections = new Map<string, string>();
  const signal = changeSignal();
  const subscriptions = new Set<EventSubscription<E>>();
  let closed = false;

  const ensureOpen = (operation: string): void => {
    if (closed) throw new StoreUnavailable('memory', `${operation}: the store is closed`);
  };

  /** Stores one event at the end of its stream: in the log, and recorded (frozen) in the stream; returns its position. */
  const store = (
    streamName: string,
    stream: MemoryStream<E>,
    eventId: string,
    schemaVersion: number,
    payload: E | RawMemoryRow,
    correlationId: string | undefined,
    causationId: string | undefined,
    recordedAt: string,
  ): number => {
    const streamVersion = stream.events.length + 1;
    const position = log.push(streamName, streamVersion, eventId, schemaVersion, payload, correlationId, causationId, recordedAt);
    // the same shape as the log's records (memory-log.ts), so readers see one object shape
    stream.events.push(
      payload instanceof RawMemoryRow
        ? rawPlaceholder
        : Object.freeze({
            streamName,
            streamVersion,
            checkpoint: String(position),
            event: payload,
            metadata: Object.freeze({ eventId, correlationId, causationId, recordedAt: recordedAt as Instant, schemaVersion }),
          }),
    );
    eventIds?.set(eventId, position);
    return position;
  };

  /** Events kept as given are handed out as they are, in either view; only raw rows are decoded, by the view's serializer. */
  const recordedBy = (decoder: EventSerializer<E>) => (position: number) => {
    const payload = log.payloadAt(position);
    return payload instanceof RawMemoryRow ? recordedEventOf(decoder, log.stored(position, payload)) : log.recorded(position, payload);
  };
  const recordedAt = recordedBy(serializer);

  /** The idempotency rule: all ids stored in this stream → the version of the last; any other reuse → error. */
  const alreadyStored = (checked: CheckedAppend): number | undefined => {
    if (checked.given === undefined) return undefined; // fresh random ids cannot be stored yet
    let firstStored: string | undefined;
    let stored = 0;
    let lastVersion = 0;
    checked.ids.forEach((eventId, i) => {
      if (!checked.given![i]) return;
      const position = idIndex().get(eventId);
      if (position === undefined) return;
      if (log.streamNameAt(position) !== checked.streamName) throw new DuplicateEventId(checked.streamName, eventId);
      firstStored ??= eventId;
      stored++;
      lastVersion = Math.max(lastVersion, log.streamVersionAt(position));
    });
    if (firstStored === undefined) return undefined;
    if (stored < checked.ids.length) throw new DuplicateEventId(checked.streamName, firstStored);
    return lastVersion;
  };

  // The log's rows are its positions; a page is a range of them, materialized only when decoded.
  const sourceOf = (decode: (position: number) => RecordedEvent<E>): LogSource<E, number> => ({
    readPage: async (after, limit) => {
      const from = positionAfter(after);
      const to = Math.min(log.length, from + limit);
      const page: number[] = [];
      for (let position = from + 1; position <= to; position++) page.push(position);
      return page;
    },
    checkpointOf: (position) => String(position),
    decode,
  });
  const sources = { full: sourceOf(recordedAt), projection: sourceOf(recordedBy(serializerForView(serializer, 'projection'))) };
  const sourceFor = (view: ReadAllOptions['view']): LogSource<E, number> => (view === 'projection' ? sources.projection : sources.full);

  const appendToStream = async (streamName: string, events: readonly EventToAppend<E>[], options?: AppendOptions): Promise<AppendResult> => {
    ensureOpen('append');
    const checked = checkAppend(streamName, events, options);
    // Kept by reference, but refused like the durable stores refuse it when it would not read back.
    for (let i = 0; i < events.length; i++) checkReadable(serializer, streamName, i, events[i]!.event);
    const current = streams.get(streamName)?.events.length ?? 0;
    const stored = checked.ids.length > 0 ? alreadyStored(checked) : undefined;
    if (stored !== undefined) return { nextExpectedVersion: stored, lastCheckpoint: undefined };
    if (!satisfies(checked.expected, current)) throw new VersionConflict(streamName, checked.expected, current);
    if (checked.ids.length === 0) return { nextExpectedVersion: current, lastCheckpoint: undefined };
    const stream = streamOf(streamName);
    const now = recordedNow();
    let position = 0;
    for (let i = 0; i < events.length; i++) {
      const event = deepFreeze(events[i]!.event);
      position = store(streamName, stream, checked.ids[i]!, serializer.versionOf(event), event, checked.correlationId, checked.causationId, now);
    }
    if (stream.events.length <= eagerListLimit && stream.raw === undefined) lists.set(streamName, Object.freeze(stream.events.slice()));
    else lists.delete(streamName);
    signal.notify();
    return { nextExpectedVersion: stream.events.length, lastCheckpoint: String(position) };
  };

  // The events are handed out as recorded at append: the whole stream as its frozen list, a part
  // as a slice. The result object itself is fresh: an async function returning a frozen object
  // was measured slower than one returning a new one.
  const readStream = async (streamName: string, options?: ReadStreamOptions): Promise<ReadStreamResult<E>> => {
    if (closed) ensureOpen('read');
    if (options === undefined) {
      const list = lists.get(streamName);
      if (list !== undefined) return { currentVersion: list.length, events: list };
    }
    const stream = streams.get(streamName);
    if (stream === undefined) return { currentVersion: 0, events: noEvents };
    const { events } = stream;
    const current = events.length;
    const from = Math.max(1, options?.fromVersion ?? 1);
    const to = options?.maxCount === undefined ? current : Math.min(current, from - 1 + options.maxCount);
    if (stream.raw !== undefined) return { currentVersion: current, events: withRawRows(stream, from, to) };
    if (from === 1 && to === current) {
      let list = lists.get(streamName);
      if (list === undefined) lists.set(streamName, (list = Object.freeze(events.slice())));
      return { currentVersion: current, events: list };
    }
    return { currentVersion: current, events: from > to ? noEvents : events.slice(from - 1, to) };
  };

  /** A stream with rows from the test hook: those decoded (or refused) as the log decodes them. */
  const withRawRows = (stream: MemoryStream<E>, from: number, to: number): RecordedEvent<E>[] => {
    const out: RecordedEvent<E>[] = [];
    for (let version = from; version <= to; version++) {
      const position = stream.raw!.get(version);
      out.push(position === undefined ? stream.events[version - 1]! : recordedAt(position));
    }
    return out;
  };

  const eventStore: EventStore<E> = {
    kind: 'memory',
    appendToStream,
    readStream,
    readAll: (options = {}) => {
      ensureOpen('read');
      positionAfter(options.after);
      return readLog(sourceFor(options.view), options.after, options.batchSize);
    },
    readAllPages: (options = {}) => {
      ensureOpen('read');
      positionAfter(options.after);
      return readLogPages(sourceFor(options.view), options.after, options.batchSize);
    },
    subscribe: (options = {}) => {
      ensureOpen('subscribe');
      positionAfter(options.after);
      // Every append notifies in-process, so there is nothing to poll for.
      return tracked(subscriptions, catchUpSubscription(sourceFor(options.view), signal, options, undefined));
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
      // Waiting subscriptions end, as they do when a durable store closes.
      await Promise.all([...subscriptions].map((s) => s.close()));
      closed = true;
    },
  };

  internals.set(eventStore, {
    writeRaw: (streamName, raw) => {
      const stream = streamOf(streamName);
      const position = store(streamName, stream, randomUUID(), raw.schemaVersion, new RawMemoryRow(raw.eventType, raw.json), undefined, undefined, new Date().toISOString());
      (stream.raw ??= new Map()).set(stream.events.length, position);
      lists.delete(streamName);
      signal.notify();
    },
  });
  return eventStore;
}

const noEvents: readonly never[] = Object.freeze([]);
/** Streams up to this length get their frozen list at append (see `lists`). */
const eagerListLimit = 256;
/** Where a stream holds a row from the test hook; see MemoryStream.raw. */
const rawPlaceholder = Object.freeze({}) as RecordedEvent<never>;

/**
 * Freezes an event's plain objects and arrays, deeply, and returns it. Instances of classes (a
 * personal value) are left as they are: their classes keep them unchangeable.
 */
const deepFreeze = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    return value;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
};

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
