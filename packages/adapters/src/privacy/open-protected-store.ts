import { UnknownStoreUrl } from '../store/errors.js';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import { openSqliteEventStore, type SqliteEventStoreOptions } from '../store/sqlite/sqlite-event-store.js';
import { openPostgresEventStore, type PostgresEventStoreOptions } from '../store/postgres/postgres-event-store.js';
import type { ContractEvent, SerializedEvent } from '@fagsign/domain';
import type { EventStore } from '../store/event-store.js';
import { openEsdbEventStore } from '../store/esdb/esdb-event-store.js';
import { memoryKeyStore, type KeyStore } from './key-store.js';
import type { MasterKeys } from './master-keys.js';
import { openPostgresKeyStore } from './postgres-key-store.js';
import { openSqliteKeyStore } from './sqlite-key-store.js';
import { protectPersonalData, storedFormSerializer, type ProtectedEventStore } from './protected-store.js';

/** How to open a protected event store: the master keys, and optionally read-only mode, an external key store and the SQLite or PostgreSQL store's own options. */
export interface OpenProtectedStoreOptions {
  readonly master: MasterKeys;
  /** Only reads: nothing is written (no key created, the erasure ledger applied in memory only). */
  readonly readOnly?: boolean;
  /** An external key service instead of the table in the store's own database. */
  readonly keyStore?: KeyStore;
  readonly sqlite?: Omit<SqliteEventStoreOptions<ContractEvent>, 'serializer'>;
  readonly postgres?: Omit<PostgresEventStoreOptions<ContractEvent>, 'serializer'>;
}

/**
 * The store a URL names, in stored form: events as they lie on disk (sealed values sealed, the
 * erasure ledger as written), for readers that decode themselves (`verifyStoredLog`) and for
 * `protectPersonalData`. Needs no master key.
 */
export const openStoredForm = async (url: string, options: Pick<OpenProtectedStoreOptions, 'readOnly' | 'sqlite' | 'postgres'> = {}): Promise<EventStore<SerializedEvent>> => {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const readOnly = options.readOnly === true;
  switch (scheme) {
    case 'memory':
      return getInMemoryEventStore({ serializer: storedFormSerializer });
    case 'sqlite': {
      const path = sqlitePathOf(url);
      if (path === '') throw new UnknownStoreUrl('sqlite:', 'sqlite: needs a file path, as in sqlite:./fagsign.db');
      return openSqliteEventStore(path, { ...options.sqlite, ...(readOnly ? { readOnly } : {}), serializer: storedFormSerializer });
    }
    case 'postgres':
    case 'postgresql':
      return openPostgresEventStore(url, { ...options.postgres, ...(readOnly ? { migrate: false } : {}), serializer: storedFormSerializer });
    case 'esdb':
    case 'esdb+discover':
      return openEsdbEventStore(url, { serializer: storedFormSerializer });
    default:
      throw new UnknownStoreUrl(scheme === undefined ? '' : `${scheme}:`, scheme === undefined ? 'the URL has no scheme' : 'this scheme names no fagsign store');
  }
};

const sqlitePathOf = (url: string): string => url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');

/**
 * As `openEventStore`, with personal values encrypted per contract: `memory:`, `sqlite:PATH`
 * (keys in a table of the same file) and `postgres://…` (keys in a table of the same schema).
 * EventStoreDB has no table to hold keys: give it `keyStore` (an external key service) and wrap
 * it with `protectPersonalData` yourself.
 */
export const openProtectedEventStore = async (url: string, options: OpenProtectedStoreOptions): Promise<ProtectedEventStore> => {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const readOnly = options.readOnly === true;
  switch (scheme) {
    case 'memory':
      return protectPersonalData(await openStoredForm(url), options.keyStore ?? memoryKeyStore(), options.master);
    case 'sqlite': {
      const inner = await openStoredForm(url, options);
      return protectPersonalData(inner, options.keyStore ?? (await openSqliteKeyStore(sqlitePathOf(url), readOnly)), options.master, { readOnly });
    }
    case 'postgres':
    case 'postgresql': {
      const inner = await openStoredForm(url, options);
      return protectPersonalData(inner, options.keyStore ?? (await openPostgresKeyStore(url, options.postgres?.schema, readOnly)), options.master, { readOnly });
    }
    default:
      throw new UnknownStoreUrl(scheme === undefined ? '' : `${scheme}:`, 'personal-data encryption is built in for memory:, sqlite: and postgres: stores');
  }
};
