import type { ContractEvent, Instant, SerializedEvent } from '@fagsign/domain';
import type { Either } from 'fp-ts/lib/Either.js';

/*
 * The EventStore port. Every adapter (memory, sqlite, postgres, esdb) implements exactly this, and
 * the contract suite in event-store.contract.ts holds each to the same behaviour.
 *
 * Versions: a stream's version is the number of events in it (0 = no stream). The n-th event of a
 * stream has `streamVersion` n (1-based).
 *
 * Global order: `readAll` and `subscribe` deliver every event of every stream exactly once, in one
 * total order that never changes once observed. `checkpoint` is an opaque, store-specific string:
 * persist it and pass it back as `after` to resume right after that event. Only the store that
 * produced a checkpoint can interpret it (PostgreSQL's holds a transaction id and a position;
 * EventStoreDB's a commit position).
 */

/** Expected version of a stream before an append: an exact version, or a sentinel. */
export type ExpectedVersion = number | 'no-stream' | 'stream-exists' | 'any';

export interface EventMetadata {
  /** Unique id of the event. Appending an event whose id is already stored is a no-op (see each adapter). */
  readonly eventId: string;
  readonly correlationId: string | undefined;
  readonly causationId: string | undefined;
  /** When the store recorded the event. */
  readonly recordedAt: Instant;
  /** The schema version the event was written with (before upcasting). */
  readonly schemaVersion: number;
}

export interface RecordedEvent<E = ContractEvent> {
  readonly streamName: string;
  readonly streamVersion: number;
  /** Opaque position in the global log; resume after this event by passing it as `after`. */
  readonly checkpoint: string;
  readonly event: E;
  readonly metadata: EventMetadata;
}

export interface EventToAppend<E = ContractEvent> {
  readonly event: E;
  /** Defaults to a fresh UUID. Give your own to make a retried append idempotent. */
  readonly eventId?: string;
}

export interface AppendOptions {
  /** Defaults to 'any'. */
  readonly expectedVersion?: ExpectedVersion;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as the next expected version. */
  readonly nextExpectedVersion: number;
  /** Checkpoint of the last event appended (undefined when every event was already stored). */
  readonly lastCheckpoint: string | undefined;
}

export interface ReadStreamOptions {
  /** First stream version to read (1-based); defaults to 1. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadStreamResult<E = ContractEvent> {
  /** The stream's version; 0 when it does not exist. */
  readonly currentVersion: number;
  readonly events: readonly RecordedEvent<E>[];
}

export interface ReadAllOptions {
  /** Start right after this checkpoint; from the beginning when left out. */
  readonly after?: string;
  /** Events fetched per round trip; memory stays bounded by it. */
  readonly batchSize?: number;
  /** 'projection': personal values are not decoded or decrypted (projections never read them). Default 'full'. */
  readonly view?: 'full' | 'projection';
}

export interface SubscribeOptions extends ReadAllOptions {
  /** How often to look for new events where the store cannot push them (ms). */
  readonly pollIntervalMs?: number;
}

/** A catch-up subscription: reads what is stored, then waits for and yields new events, until closed. */
export interface EventSubscription<E = ContractEvent> extends AsyncIterable<RecordedEvent<E>> {
  close(): Promise<void>;
}

/** Projections' state and checkpoint, kept by the store in one atomic write where the store can. */
export interface ProjectionSnapshot {
  readonly version: number;
  readonly checkpoint: string | undefined;
  readonly state: unknown;
}

export type StoreKind = 'memory' | 'sqlite' | 'postgres' | 'esdb';

export interface EventStore<E = ContractEvent> {
  readonly kind: StoreKind;
  /** Appends events to a stream, checking the expected version first; already stored event ids are skipped. */
  appendToStream(streamName: string, events: readonly EventToAppend<E>[], options?: AppendOptions): Promise<AppendResult>;
  /** Reads one stream's events in version order, with its current version (0 when it does not exist). */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<ReadStreamResult<E>>;
  /** Reads every event of every stream in global order, from the start or after a checkpoint, and ends at the last stored one. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent<E>>;
  /**
   * The same events as `readAll`, in the same order, a page at a time (one promise per page, not
   * per event; a page holds at most `batchSize` events and is never empty; the SQLite and
   * PostgreSQL stores read `batchSize` rows at once and hand them on in pages of at most 250, so
   * that decoded events die young). An unreadable event
   * ends the read where it stands: the events before it come as a page, then the error is thrown.
   */
  readAllPages(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent<E>[]>;
  /** Follows the global log: yields what is stored after the checkpoint, then new events as they are appended, until closed. */
  subscribe(options?: SubscribeOptions): EventSubscription<E>;
  /** Loads a projection's saved state and checkpoint. */
  loadProjection(name: string): Promise<ProjectionSnapshot | undefined>;
  /** Saves a projection's state and checkpoint together, atomically where the store allows it. */
  saveProjection(name: string, snapshot: ProjectionSnapshot): Promise<void>;
  /** Releases the store's connections; the store is not used after. */
  close(): Promise<void>;
}

/**
 * How a store turns events into their stored form and back. The default is the contract events'
 * serializer (`encodeEvent` / `decodeEvent`, upcasters included); stores never JSON.stringify an
 * event themselves, because personal values only reveal themselves to the domain's codecs.
 */
export interface EventSerializer<E> {
  encode(event: E): SerializedEvent;
  /** The schema version `encode` writes for this event, without encoding it (the memory store keeps events as they are). */
  versionOf(event: E): number;
  /** Left: the stored event is not any known version of its type. */
  decode(stored: SerializedEvent): Either<Error, E>;
  /**
   * The projection view's decode (`view: 'projection'`): refuses exactly what `decode` refuses,
   * but may leave out work projections never need (see `decodeForProjection`). Without it, the
   * projection view decodes as the full view does.
   */
  decodeForProjection?(stored: SerializedEvent): Either<Error, E>;
}
