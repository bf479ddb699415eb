import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { ContractEvent } from '@fagsign/domain';
import type { ProjectionSnapshot, ReadAllOptions, RecordedEvent, StoreKind, SubscribeOptions } from '../store/event-store.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { checkpointStoreOf } from './checkpoint-stores.js';
import { defaultLeaseTtlMs, processLease, type Lease, type LeaseView } from './lease.js';
import { createProcessor, type CatchUpPass } from './processor.js';
import { progressMeter, type ProgressListener } from './projection-progress.js';
import {
  loadPointer,
  NewerProjectionVersion,
  positionOf,
  savedState,
  snapshotKey,
  switchPointer,
  type LeftOutContract,
  type Pointer,
  type Position,
  type RunnableProjection,
} from './projection-snapshots.js';

/*
 * The projections on the processor core. A projection version is a processor named `name@version`
 * (see projection-snapshots.ts): it reads the log a page at a time in the 'projection' view (no
 * personal value decoded), folds each page synchronously, and saves state and checkpoint in one
 * write to the CheckpointStore, fenced by its lease. One process holds the lease of a version; a
 * second follower of it is a hot standby (it folds the same events and serves reads, saves nothing,
 * and takes the saves over when the lease comes free), and a one-off catch-up while a follower
 * holds it is a read-only look.
 */

/** An event as a projection reads it: where it stands in the log, and the event. */
export type ProjectedEvent = Pick<RecordedEvent<ContractEvent>, 'checkpoint' | 'event'>;

/** What the projection runner reads and writes: any EventStore fits. */
export interface ProjectionSource {
  readonly kind?: StoreKind;
  /** The global log a page at a time (EventStore.readAllPages). */
  readAllPages(options?: ReadAllOptions): AsyncIterable<readonly ProjectedEvent[]>;
  /** The log, then new events as they are appended (EventStore.subscribe). */
  subscribe(options?: SubscribeOptions): AsyncIterable<ProjectedEvent> & {
    /** Ends the subscription. */
    close(): Promise<void>;
  };
  /** A saved projection (EventStore.loadProjection): where the checkpoint store falls back for snapshots saved before it. */
  loadProjection(name: string): Promise<ProjectionSnapshot | undefined>;
  /** Saves a projection (EventStore.saveProjection): where stores without a processor table keep checkpoints. */
  saveProjection(name: string, snapshot: ProjectionSnapshot): Promise<void>;
}

/** How a catch-up reads, saves and reports. */
export interface CatchUpProjectionOptions {
  /** Events per page; memory stays bounded by it. Default 1000. */
  readonly batchSize?: number;
  readonly onProgress?: ProgressListener;
  /** Save at least this often during a long catch-up, so a crash resumes near where it stopped. Default 30 s. */
  readonly saveEveryMs?: number;
  /** False for a read-only look (the snapshot is read, never written, no lease taken). Default true. */
  readonly save?: boolean;
  /** Ignore any snapshot of this version and fold the whole log again. */
  readonly fromScratch?: boolean;
  /** How many events the log holds, when the caller knows; otherwise the last version's count is the estimate. */
  readonly expectedEvents?: number;
  /** Where state, checkpoint and lease are kept; default the store's own (`checkpointStoreOf`). */
  readonly checkpoints?: CheckpointStore;
  /** How long the version's lease lasts without renewal (ms); default 30 s. */
  readonly leaseTtlMs?: number;
}

/** Where a catch-up ended, what it applied, and whether it saved. */
export interface CatchUpProjectionResult<S> extends Position<S> {
  /** Contracts left out because their stream holds an unreadable event (see `Position.leftOut`); empty when none. */
  readonly leftOut: LeftOutContract[];
  /** Events applied by this call. */
  readonly applied: number;
  /** Whether this call started from the beginning of the log (no snapshot of this version, or `fromScratch`). */
  readonly rebuilt: boolean;
  /** Whether this call saved its state: false for a read-only look, or while another process holds the version's lease. */
  readonly saved: boolean;
}

/** One version of a projection on the processor core: its position, and how it catches up and saves. */
interface Run<S> {
  readonly position: Position<S>;
  /** Whether it started from a saved snapshot (false: a rebuild from the start of the log). */
  readonly resumed: boolean;
  /** Applies one page (or one live event), leaving out the contracts set aside. */
  applyPage(page: readonly ProjectedEvent[]): void;
  /**
   * Reads to the head of the log from the position, then saves and makes this version current when
   * there is something to save (events applied, no snapshot yet, or the pointer not at this version).
   */
  catchUp(): Promise<{ readonly applied: number; readonly saved: boolean }>;
  /** Saves state with checkpoint, then makes this version current (it is at the head). Answers whether it saved. */
  save(): Promise<boolean>;
  /** Throws NewerProjectionVersion when a newer version has taken over. */
  checkNoNewer(): Promise<void>;
}

const holderOf = (): string => `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

const startRun = async <S>(store: ProjectionSource, projection: RunnableProjection<S>, options: CatchUpProjectionOptions & { readonly checkpoints: CheckpointStore }, lease: Lease | undefined, readOnly: boolean): Promise<Run<S>> => {
  const checkpoints = options.checkpoints;
  const checkNoNewer = async (): Promise<Pointer | undefined> => {
    const pointer = await loadPointer(checkpoints, projection.name);
    if (pointer !== undefined && pointer.version > projection.version) throw new NewerProjectionVersion(projection.name, pointer.version, projection.version);
    return pointer;
  };
  const pointerAtStart = await checkNoNewer();
  const processor = createProcessor<ProjectedEvent>({
    name: snapshotKey(projection),
    log: store,
    checkpoints,
    ...(lease === undefined ? {} : { lease, standby: true }),
    readOnly,
    pageSize: options.batchSize ?? 1000,
    saveEveryMs: options.saveEveryMs ?? 30_000,
    view: 'projection',
  });
  const saved = options.fromScratch === true ? undefined : positionOf(projection, undefined, await processor.load());
  const position: Position<S> = saved === undefined ? { state: projection.initialState(), checkpoint: undefined, events: 0 } : { ...saved, checkpoint: processor.checkpoint };
  const leftOut = (position.leftOut ??= []);
  const skipped = new Set(leftOut.map((c) => c.contractId));
  const apply = projection.apply;
  const before = position.events;
  let applied = 0;

  const applyPage = (page: readonly ProjectedEvent[]): void => {
    const state = position.state;
    if (skipped.size === 0) {
      for (let i = 0; i < page.length; i++) apply(state, page[i]!.event);
      applied += page.length;
    } else {
      for (let i = 0; i < page.length; i++) {
        const event = page[i]!.event;
        if (skipped.has(event.data.contractId)) continue;
        apply(state, event);
        applied++;
      }
    }
    position.checkpoint = page[page.length - 1]!.checkpoint;
    position.events = before + applied;
  };
  const snapshot = (): unknown => savedState(projection, position);

  const save = async (): Promise<boolean> => {
    if (position.checkpoint !== undefined) processor.moveTo(position.checkpoint);
    // The processor's catch-up saves at its end: that save stands, only the pointer is left to switch.
    const savedAlready = processor.lastSaved !== null && processor.lastSaved === position.checkpoint;
    if (!savedAlready && !(await processor.save(snapshot))) return false;
    await switchPointer(checkpoints, projection, position);
    return true;
  };

  return {
    position,
    resumed: saved !== undefined,
    applyPage,
    async catchUp() {
      const expected = options.expectedEvents ?? (pointerAtStart === undefined ? undefined : Math.max(0, pointerAtStart.events - position.events));
      const meter = progressMeter(projection.name, options.onProgress, expected);
      const pass: CatchUpPass<ProjectedEvent> = {
        applyPage(page) {
          applyPage(page);
          meter.tick(applied);
        },
        snapshot,
        setAside(error) {
          // One unreadable stream leaves one contract out, not the whole report: note it, read on after it.
          const unreadable = unreadableEvent(error);
          if (unreadable === undefined) return undefined;
          position.checkpoint = unreadable.checkpoint;
          if (!skipped.has(unreadable.contractId)) {
            skipped.add(unreadable.contractId);
            leftOut.push(unreadable);
          }
          return unreadable.checkpoint;
        },
      };
      await processor.catchUp(pass);
      meter.finish(applied);
      if (readOnly) return { applied, saved: false };
      const pointer = await checkNoNewer();
      const due = applied > 0 || saved === undefined || pointer === undefined || pointer.version < projection.version;
      return { applied, saved: due && (await save()) };
    },
    save,
    async checkNoNewer() {
      await checkNoNewer();
    },
  };
};

/**
 * Brings a projection up to the end of the log: from its own version's snapshot when there is one,
 * else from the start of the log (a rebuild, beside any older version's snapshot, which this never
 * touches). Reads a page at a time and holds only the projection's state, so memory does not grow
 * with the log. State and checkpoint are saved together in one write, fenced by the version's lease;
 * a crash between saves loses only work, never counts an event twice. The version becomes current
 * (its pointer switched) only once it has reached the head. While another process holds the
 * version's lease (a live follower), this is a read-only look (`saved: false`).
 */
export const catchUpProjection = async <S>(store: ProjectionSource, projection: RunnableProjection<S>, options: CatchUpProjectionOptions = {}): Promise<CatchUpProjectionResult<S>> => {
  const save = options.save !== false;
  const checkpoints = options.checkpoints ?? checkpointStoreOf(store);
  const lease = save ? processLease(checkpoints, snapshotKey(projection), holderOf(), options.leaseTtlMs ?? defaultLeaseTtlMs) : undefined;
  const held = lease === undefined ? false : await lease.ensure();
  try {
    const run = await startRun(store, projection, { ...options, checkpoints }, lease, !held);
    const { applied, saved } = await run.catchUp();
    return { ...run.position, leftOut: run.position.leftOut ?? [], applied, rebuilt: !run.resumed, saved };
  } finally {
    await lease?.release();
  }
};

/** How a follower catches up, follows and saves. */
export interface FollowProjectionOptions extends Omit<CatchUpProjectionOptions, 'save' | 'fromScratch'> {
  /** How often the store is asked for new events where it cannot push them (ms). */
  readonly pollIntervalMs?: number;
  /** Save after this many live events … */
  readonly saveEveryEvents?: number;
  /** … or this long after the last save (ms), whichever comes first, once an event arrives. */
  readonly saveEveryLiveMs?: number;
  /** Called after each live event is applied; the state may be read, never changed. */
  readonly onEvent?: (position: Readonly<Position<unknown>>) => void;
}

/** A live projection: its position, kept up to date as events are appended, until stopped. */
export interface ProjectionFollower<S> {
  /** The live position: read `state` for up-to-date reports. */
  readonly position: Readonly<Position<S>>;
  /** The version's lease as this process sees it: `held` false means a hot standby (it follows and serves, another process saves). */
  lease(): LeaseView;
  /** Stops following, saves what was applied (when it holds the lease) and gives the lease up. */
  stop(): Promise<void>;
  /** Settles when following ends: by `stop()`, or with an error (a newer version took over, the store failed). */
  readonly done: Promise<void>;
}

/**
 * Catches up (rebuilding a new version beside the old one, if need be), then follows new events
 * live. The holder of the version's lease saves the state with its checkpoint every
 * `saveEveryEvents` events or `saveEveryLiveMs`; before each save it checks that no newer version
 * has taken over, and stops if one has. A follower that does not hold the lease is a hot standby:
 * it follows and serves the same state, and at each save point asks for the lease, so it takes
 * the saves over within the lease's life after the holder stops or dies.
 */
export const followProjection = async <S>(store: ProjectionSource, projection: RunnableProjection<S>, options: FollowProjectionOptions = {}): Promise<ProjectionFollower<S>> => {
  const checkpoints = options.checkpoints ?? checkpointStoreOf(store);
  const lease = processLease(checkpoints, snapshotKey(projection), holderOf(), options.leaseTtlMs ?? defaultLeaseTtlMs);
  await lease.ensure();
  let run: Run<S>;
  try {
    run = await startRun(store, projection, { ...options, checkpoints }, lease, false);
    await run.catchUp();
  } catch (error) {
    await lease.release();
    throw error;
  }
  const position = run.position;
  const subscription = store.subscribe({
    ...(position.checkpoint === undefined ? {} : { after: position.checkpoint }),
    batchSize: options.batchSize ?? 1000,
    view: 'projection',
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  });
  const saveEveryEvents = options.saveEveryEvents ?? 10_000;
  const saveEveryLiveMs = options.saveEveryLiveMs ?? 5_000;
  let unsaved = 0;
  let lastSave = performance.now();
  let stopping = false;
  const save = async (): Promise<void> => {
    await run.checkNoNewer();
    await run.save(); // following: at the head
    unsaved = 0;
    lastSave = performance.now();
  };
  const live = async (): Promise<void> => {
    try {
      try {
        for await (const logged of subscription) {
          const events = position.events;
          run.applyPage([logged]);
          if (position.events !== events) {
            unsaved++;
            options.onEvent?.(position);
          }
          if (unsaved > 0 && (unsaved >= saveEveryEvents || performance.now() - lastSave >= saveEveryLiveMs)) await save();
          if (stopping) break;
        }
      } finally {
        await subscription.close();
      }
      if (unsaved > 0) await save();
    } finally {
      await lease.release();
    }
  };
  const done = live();
  done.catch(() => undefined); // the caller sees the error through `done` or `stop()`
  return {
    position,
    lease: () => lease.view(),
    done,
    async stop() {
      stopping = true;
      await subscription.close();
      await done;
    },
  };
};

/**
 * The store's StoredEventUnreadable, recognised by its shape (a wrapper's error of the same shape
 * is recognised too): a contract stream, and the checkpoint of the event that cannot be read.
 */
const unreadableEvent = (error: unknown): LeftOutContract | undefined => {
  const e = error as { code?: unknown; streamName?: unknown; checkpoint?: unknown } | null;
  if (e === null || typeof e !== 'object' || e.code !== 'stored-event-unreadable') return undefined;
  if (typeof e.streamName !== 'string' || !e.streamName.startsWith('contract-') || typeof e.checkpoint !== 'string') return undefined;
  return { contractId: e.streamName.slice('contract-'.length), reason: e.code, checkpoint: e.checkpoint };
};
