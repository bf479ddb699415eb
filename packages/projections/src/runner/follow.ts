import type { Projection } from '../projection.js';
import { catchUp, type CatchUpOptions } from './catch-up.js';
import { loadPointer, NewerProjectionVersion, savePosition, type Position } from './snapshots.js';
import type { ProjectionStore } from './store-port.js';

export interface FollowOptions extends Omit<CatchUpOptions, 'save' | 'fromScratch'> {
  /** How often the store is asked for new events where it cannot push them (ms). */
  readonly pollIntervalMs?: number;
  /** Save after this many live events … */
  readonly saveEveryEvents?: number;
  /** … or this long after the last save (ms), whichever comes first, once an event arrives. */
  readonly saveEveryLiveMs?: number;
  /** Called after each live event is applied; the state may be read, never changed. */
  readonly onEvent?: (position: Readonly<Position<unknown>>) => void;
}

export interface Follower<S> {
  /** The live position: read `state` for up-to-date reports. */
  readonly position: Readonly<Position<S>>;
  /** Stops following and saves what was applied. */
  stop(): Promise<void>;
  /** Settles when following ends: by `stop()`, or with an error (a newer version took over, the store failed). */
  readonly done: Promise<void>;
}

/**
 * Catches up (rebuilding a new version beside the old one, if need be), then follows new events
 * live. Saves the state with its checkpoint every `saveEveryEvents` events or `saveEveryLiveMs`;
 * before each save it checks that no newer version has taken over, and stops if one has.
 */
export const follow = async <S>(store: ProjectionStore, projection: Projection<S>, options: FollowOptions = {}): Promise<Follower<S>> => {
  const start = await catchUp(store, projection, options);
  const position: Position<S> = { state: start.state, checkpoint: start.checkpoint, events: start.events, leftOut: start.leftOut };
  // Contracts the catch-up left out (an unreadable event) stay out while following.
  const skipped = new Set(start.leftOut.map((c) => c.contractId));
  const subscribeOptions = {
    ...(position.checkpoint === undefined ? {} : { after: position.checkpoint }),
    batchSize: options.batchSize ?? 1000,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  };
  const subscription = store.subscribe(subscribeOptions);
  const saveEveryEvents = options.saveEveryEvents ?? 10_000;
  const saveEveryLiveMs = options.saveEveryLiveMs ?? 5_000;
  let unsaved = 0;
  let lastSave = performance.now();
  let stopping = false;

  const save = async (): Promise<void> => {
    const pointer = await loadPointer(store, projection.name);
    if (pointer !== undefined && pointer.version > projection.version) {
      throw new NewerProjectionVersion(projection.name, pointer.version, projection.version);
    }
    await savePosition(store, projection, position, true); // following: at the head
    unsaved = 0;
    lastSave = performance.now();
  };

  const run = async (): Promise<void> => {
    try {
      for await (const logged of subscription) {
        if (skipped.size > 0 && skipped.has(logged.event.data.contractId)) {
          position.checkpoint = logged.checkpoint;
          continue;
        }
        projection.apply(position.state, logged.event);
        position.checkpoint = logged.checkpoint;
        position.events++;
        unsaved++;
        options.onEvent?.(position);
        if (unsaved >= saveEveryEvents || performance.now() - lastSave >= saveEveryLiveMs) await save();
        if (stopping) break;
      }
    } finally {
      await subscription.close();
    }
    if (unsaved > 0) await save();
  };
  const done = run();
  done.catch(() => undefined); // the caller sees the error through `done` or `stop()`

  return {
    position,
    done,
    async stop() {
      stopping = true;
      await subscription.close();
      await done;
    },
  };
};
