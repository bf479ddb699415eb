import type { ContractEvent } from '@fagsign/domain';
import type { EventStore } from './event-store.js';
import { UnknownStoreUrl } from './errors.js';
import { getInMemoryEventStore } from './memory/memory-event-store.js';
import { openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
import { openPostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
import { openEsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store.js';

/** Per-store options for `openEventStore`; only the chosen store's are used. */
export interface OpenEventStoreOptions {
  readonly sqlite?: Omit<SqliteEventStoreOptions<ContractEvent>, 'serializer'>;
  readonly postgres?: Omit<PostgresEventStoreOptions<ContractEvent>, 'serializer'>;
  readonly esdb?: Omit<EsdbEventStoreOptions<ContractEvent>, 'serializer'>;
  /** Open only to read (reports, status, verify): SQLite opens the file read-only, PostgreSQL is not migrated. */
  readonly readOnly?: boolean;
}

/**
 * Opens the store a URL names:
 * - `memory:` an in-memory store (tests, the demo);
 * - `sqlite:PATH` an SQLite file (the embedded default), e.g. `sqlite:./fagsign.db` or `sqlite:/var/lib/fagsign.db`;
 * - `postgres://…` or `postgresql://…` PostgreSQL (migrated on open unless `postgres.migrate` is false);
 * - `esdb://…`, `esdb+discover://…` EventStoreDB.
 * Anything else is an UnknownStoreUrl, whose message never repeats the URL (it may hold a password).
 */
export const openEventStore = async (url: string, options: OpenEventStoreOptions = {}): Promise<EventStore<ContractEvent>> => {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'memory':
      if (url.length > 'memory:'.length) throw new UnknownStoreUrl('memory:', 'memory: takes nothing after the colon');
      return getInMemoryEventStore();
    case 'sqlite': {
      const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
      if (path === '') throw new UnknownStoreUrl('sqlite:', 'sqlite: needs a file path, as in sqlite:./fagsign.db');
      return openSqliteEventStore(path, { ...options.sqlite, ...(options.readOnly === true ? { readOnly: true } : {}) });
    }
    case 'postgres':
    case 'postgresql':
      return openPostgresEventStore(url, { ...options.postgres, ...(options.readOnly === true ? { migrate: false } : {}) });
    case 'esdb':
    case 'esdb+discover':
      return openEsdbEventStore(url, options.esdb);
    default:
      throw new UnknownStoreUrl(scheme === undefined ? '' : `${scheme}:`, scheme === undefined ? 'the URL has no scheme' : 'this scheme names no fagsign store');
  }
};
