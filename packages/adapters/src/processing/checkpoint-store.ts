/*
 * The CheckpointStore port: where a processor (the workflow runner, a projection) keeps its
 * checkpoint, its state and its lease. Split off the EventStore port: reading and appending events
 * is one concern, remembering how far a reader got and who may read is another.
 *
 * SQLite and PostgreSQL keep all three in one row of `fagsign_processors` (name, checkpoint, state,
 * holder, lease_expires_at), so a save is one statement and is fenced by the lease: a save by a
 * process whose lease ran out changes nothing and answers `false`. A row rather than an advisory
 * lock because a row is the same in both stores, needs no connection held open for the lease's
 * life (a pool may hand out any connection), shows who holds it and until when, and lets the
 * checkpoint save check the lease in the same statement.
 *
 * A save serialises the state during the call, before its promise settles: the caller may go on
 * changing the state at once, so no copy of it is taken before a save.
 *
 * The memory store and EventStoreDB use `projectionCheckpoints` (checkpoint-stores.ts): the
 * checkpoint rides on the store's saveProjection, and the lease is held in this process only.
 */

/** What a processor saved: the checkpoint of the last event it applied, and its state after it. */
export interface SavedProcessor {
  readonly checkpoint: string | undefined;
  readonly state: unknown;
}

/** What `saveVersion` saves: a state that carries its version. */
export interface VersionedSave {
  readonly checkpoint: string | undefined;
  readonly state: { readonly version: number };
}

/** Who holds a processor's lease, and until when (ms since the epoch, by the store's clock). */
export interface LeaseHolder {
  readonly holder: string;
  readonly expiresAt: number;
}

/** Where a processor (the workflow runner, a projection) keeps its checkpoint, its state and its lease, apart from the events themselves. */
export interface CheckpointStore {
/** What the processor of this name saved last; undefined when it has saved nothing yet. */
  load(name: string): Promise<SavedProcessor | undefined>;
  /**
   * Saves checkpoint and state together, atomically. With `holder`, only while that holder's lease
   * is unexpired: answers false (and writes nothing) when it is not.
   */
  save(name: string, saved: SavedProcessor, holder?: string): Promise<boolean>;
  /**
   * A compare-and-set for a versioned record (a projection's version pointer): saves unless what is
   * saved under `name` has a greater `version` in its state, in one statement (one step in this
   * process for the memory store). Answers false, writing nothing, when a newer version is there.
   */
  saveVersion(name: string, saved: VersionedSave): Promise<boolean>;
  /** Takes the lease, or renews it, when it is free, expired or ours. Answers whoever holds it afterwards. */
  acquire(name: string, holder: string, ttlMs: number): Promise<LeaseHolder>;
  /** Gives the lease up at once, so a standby need not wait for it to expire. */
  release(name: string, holder: string): Promise<void>;
  /** Events in the global log after this checkpoint (the whole log when undefined); undefined where the store cannot count. */
  eventsAfter(checkpoint: string | undefined): Promise<number | undefined>;
}
