import type { ContractEvent } from '@fagsign/domain';

/*
 * The part of `@fagsign/adapters`' EventStore port that projections use, restated here so that
 * this package depends on the domain only: any EventStore (memory, sqlite, postgres, esdb) fits.
 */

export interface LoggedEvent {
  /** Opaque position in the global log; resume right after this event by passing it as `after`. */
  readonly checkpoint: string;
  readonly event: ContractEvent;
}

export interface SavedSnapshot {
  readonly version: number;
  readonly checkpoint: string | undefined;
  readonly state: unknown;
}

export interface ProjectionStore {
  readAll(options?: { readonly after?: string; readonly batchSize?: number }): AsyncIterable<LoggedEvent>;
  subscribe(options?: { readonly after?: string; readonly batchSize?: number; readonly pollIntervalMs?: number }): AsyncIterable<LoggedEvent> & {
    close(): Promise<void>;
  };
  loadProjection(name: string): Promise<SavedSnapshot | undefined>;
  /** State and checkpoint in one write, atomic where the store allows it (sqlite, postgres). */
  saveProjection(name: string, snapshot: SavedSnapshot): Promise<void>;
}
