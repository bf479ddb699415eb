// ── Event store: the port ─────────────────────────────────────────────────────────────────────
export type {
  EventStore,
  StoreKind,
  ExpectedVersion,
  EventMetadata,
  RecordedEvent,
  EventToAppend,
  AppendOptions,
  AppendResult,
  ReadStreamOptions,
  ReadStreamResult,
  ReadAllOptions,
  SubscribeOptions,
  EventSubscription,
  ProjectionSnapshot,
  EventSerializer,
} from './store/event-store.js';
export { contractEventSerializer } from './store/serializer.js';

// ── Event store: typed errors ─────────────────────────────────────────────────────────────────
export {
  StoreError,
  VersionConflict,
  DuplicateEventId,
  InvalidAppend,
  InvalidCheckpoint,
  StoreUnavailable,
  StoredEventUnreadable,
  UnknownStoreUrl,
} from './store/errors.js';

// ── Event store: adapters (each loads its client only when opened) ────────────────────────────
export { openEventStore, type OpenEventStoreOptions } from './store/open-event-store.js';
export { getInMemoryEventStore, type InMemoryEventStoreOptions } from './store/memory/memory-event-store.js';
export { openSqliteEventStore, type SqliteEventStoreOptions } from './store/sqlite/sqlite-event-store.js';
export { type SqliteDurability } from './store/sqlite/sqlite-schema.js';
export { openPostgresEventStore, type PostgresEventStoreOptions } from './store/postgres/postgres-event-store.js';
export { migratePostgres, type MigrateOptions } from './store/postgres/postgres-migrate.js';
export { openEsdbEventStore, type EsdbEventStoreOptions } from './store/esdb/esdb-event-store.js';

// ── Command handling ──────────────────────────────────────────────────────────────────────────
export { handle, type HandleOptions, type HandleResult } from './handling/handle.js';
export { handleTE, type HandleError } from './handling/handle-te.js';
export { type RetryPolicy, defaultRetryPolicy } from './handling/retry.js';
export { commandEventId } from './handling/command-event-ids.js';

// ── Signing provider ──────────────────────────────────────────────────────────────────────────
// (exports of src/provider are added here by the provider helper)
