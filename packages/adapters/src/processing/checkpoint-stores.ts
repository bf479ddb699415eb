import type { EventStore, ReadAllOptions, StoreKind } from '../store/event-store.js';
import type { CheckpointStore, LeaseHolder } from './checkpoint-store.js';

/*
 * Which CheckpointStore goes with an event store. SQLite and PostgreSQL register their own (one
 * table in the same database as the events) when they are opened; any other store (memory,
 * EventStoreDB, a wrapper a test puts around a store) gets `projectionCheckpoints`.
 */

/** The part of an event store the checkpoints fall back on: its saved projections, and its log to count the lag (any EventStore fits). */
export interface CheckpointHost {
  readonly kind?: StoreKind;
  /** A saved projection's state and checkpoint (EventStore.loadProjection). */
  loadProjection: EventStore<unknown>['loadProjection'];
  /** Saves a projection's state and checkpoint in one write (EventStore.saveProjection). */
  saveProjection: EventStore<unknown>['saveProjection'];
  /** The global log a page at a time (EventStore.readAllPages), to count a processor's lag. */
  readAllPages(options?: ReadAllOptions): AsyncIterable<readonly unknown[]>;
}

const registered = new WeakMap<object, CheckpointStore>();

/** Called by a store adapter when it opens: its processors' checkpoints and leases live here. */
export const registerCheckpointStore = (store: object, checkpoints: CheckpointStore): void => {
  registered.set(store, checkpoints);
};

/**
 * A store that wraps another (the encrypting store) keeps its processors' checkpoints and leases
 * where the wrapped one does: two processes on one database must see one lease, whichever face of
 * the store each runner was given.
 */
export const shareCheckpointStore = (wrapper: object, inner: object): void => {
  const own = registered.get(inner);
  if (own !== undefined) registered.set(wrapper, own);
};

/** The checkpoint store that goes with an event store: its own processor table when it registered one (picking up checkpoints kept with saveProjection before), else checkpoints on its saveProjection with a lease held in this process only. */
export const checkpointStoreOf = (store: CheckpointHost): CheckpointStore => {
  const own = registered.get(store);
  return own === undefined ? projectionCheckpoints(store) : withEarlierCheckpoints(own, store);
};

/**
 * Before the processor table, the runner kept its checkpoint with saveProjection under its name. A
 * processor with nothing saved in the table yet starts from there, instead of reading the whole log
 * again after an upgrade; its first save moves it into the table.
 */
const withEarlierCheckpoints = (checkpoints: CheckpointStore, store: CheckpointHost): CheckpointStore => ({
  ...checkpoints,
  async load(name) {
    const saved = await checkpoints.load(name);
    if (saved !== undefined && (saved.checkpoint !== undefined || saved.state !== null)) return saved;
    const earlier = await store.loadProjection(name);
    return earlier === undefined ? saved : { checkpoint: earlier.checkpoint, state: earlier.state };
  },
});

// One compare-and-set at a time per store object: a load and a save with nothing of ours between them.
const versionSaves = new WeakMap<object, Promise<unknown>>();

// In-process leases, per store object: two runners in one process on one memory store still take turns.
const processLeases = new WeakMap<object, Map<string, LeaseHolder>>();

/**
 * Checkpoints kept with the store's `saveProjection` (one atomic write of checkpoint and state in
 * every store), and a lease held in this process only. The choice for EventStoreDB: it keeps
 * projection state in a stream of its own and has no row to hold a lease in, so a deployment on
 * EventStoreDB runs one runner process (its orchestrator's single-instance setting) and gets
 * one-holder-at-a-time only between runners inside that process.
 */
export const projectionCheckpoints = (store: CheckpointHost, now: () => number = Date.now): CheckpointStore => {
  let leases = processLeases.get(store);
  if (leases === undefined) processLeases.set(store, (leases = new Map()));
  const held = leases;
  const holds = (name: string, holder: string): boolean => {
    const lease = held.get(name);
    return lease !== undefined && lease.holder === holder && lease.expiresAt > now();
  };
  return {
    async load(name) {
      const saved = await store.loadProjection(name);
      return saved === undefined ? undefined : { checkpoint: saved.checkpoint, state: saved.state };
    },
    async save(name, saved, holder) {
      if (holder !== undefined && !holds(name, holder)) return false;
      await store.saveProjection(name, { version: 1, checkpoint: saved.checkpoint, state: saved.state });
      return true;
    },
    saveVersion(name, saved) {
      const run = (versionSaves.get(store) ?? Promise.resolve()).then(async () => {
        const current = (await store.loadProjection(name))?.state as { version?: unknown } | null | undefined;
        if (typeof current?.version === 'number' && current.version > saved.state.version) return false;
        await store.saveProjection(name, { version: saved.state.version, checkpoint: saved.checkpoint, state: saved.state });
        return true;
      });
      versionSaves.set(store, run.catch(() => undefined));
      return run;
    },
    async acquire(name, holder, ttlMs) {
      const lease = held.get(name);
      if (lease === undefined || lease.holder === holder || lease.expiresAt <= now()) {
        const taken = { holder, expiresAt: now() + ttlMs };
        held.set(name, taken);
        return taken;
      }
      return lease;
    },
    async release(name, holder) {
      if (held.get(name)?.holder === holder) held.delete(name);
    },
    async eventsAfter(checkpoint) {
      if (store.kind === 'esdb') return undefined; // counting would read the whole rest of the log
      let count = 0;
      try {
        // counted in the projection view: nothing is decrypted or decoded further than the count needs
        for await (const page of store.readAllPages(checkpoint === undefined ? { view: 'projection' } : { after: checkpoint, view: 'projection' })) count += page.length;
      } catch {
        return undefined; // an unreadable event: the processor sets it aside, the count cannot
      }
      return count;
    },
  };
};
