import { existsSync } from 'node:fs';
import type { RetentionPolicy } from '@fagsign/adapters';
import type { ContractEvent } from '@fagsign/domain';
import type { PersonalDataErasure } from '@fagsign/projections';
import type { ProjectionSource } from '@fagsign/adapters';
import { UserError } from './user-error.js';

/** What the commands need of an event store: the projections' part of the port, one stream, and close. */
export interface CliStore extends ProjectionSource {
  readStream(streamName: string): Promise<{ readonly currentVersion: number; readonly events: readonly { readonly event: ContractEvent }[] }>;
  close(): Promise<void>;
  /**
   * Only on an encrypted store opened with `view: 'projection'`: each contract's erasure date
   * (erased, or due under `policy`), read without decrypting anything.
   */
  erasureDates?(policy: RetentionPolicy | undefined): Promise<ReadonlyMap<string, PersonalDataErasure>>;
}

/**
 * How a command opens its store. `readOnly`: the command only reads (report, status, verify):
 * nothing is written, a read-only file works. `view: 'projection'`: the command needs no personal
 * value (rebuild, report, status): an encrypted store is read through its sealed view, decrypting nothing.
 */
export interface StoreOpenOptions {
  readonly readOnly?: boolean;
  readonly view?: 'projection';
}

/** Opens the store a command names (see `openStore`); tests pass their own. */
export type StoreOpener = (url: string, options?: StoreOpenOptions) => Promise<CliStore>;

/**
 * Opens the event store a command names, through `@fagsign/adapters`' `openEventStore`, loaded only
 * when a command needs a store (so `fagsign --help` loads no database client). SQLite would create
 * a missing file and report an empty log; for a report that hides a wrong path, so a missing file
 * is the user's mistake here. The URL is never echoed: a PostgreSQL or EventStoreDB URL may hold a
 * password.
 */
export const openStore: StoreOpener = async (url, options = {}) => {
  assertStoreFileExists(url);
  const { openConfiguredStore } = await import('./privacy/open-store.js');
  return openConfiguredStore(url, options);
};

/** A `sqlite:` URL must name a file that exists: reading from a new empty file would hide a wrong path. */
export const assertStoreFileExists = (url: string): void => {
  const sqlitePath = sqlitePathOf(url);
  if (sqlitePath !== undefined && sqlitePath !== '' && sqlitePath !== ':memory:' && !existsSync(sqlitePath)) {
    throw new UserError(`No event store file at ${sqlitePath}: check the path after sqlite:.`);
  }
};

/** The file of a `sqlite:PATH` URL, read as `openEventStore` reads it (`sqlite:///abs` is `/abs`); undefined for other stores. */
export const sqlitePathOf = (url: string): string | undefined =>
  /^sqlite:/i.test(url) ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : undefined;
