import type { Projection } from '../projection.js';
import { progressMeter, type ProgressListener } from './progress.js';
import { loadPointer, loadPosition, NewerProjectionVersion, savePosition, type LeftOutContract, type Position } from './snapshots.js';
import type { ProjectionStore } from './store-port.js';

export interface CatchUpOptions {
  /** Events fetched per round trip; memory stays bounded by it. */
  readonly batchSize?: number;
  readonly onProgress?: ProgressListener;
  /** Save at least this often during a long catch-up, so a crash resumes near where it stopped. Default 30 s. */
  readonly saveEveryMs?: number;
  /** False for a read-only look (the snapshot is read, never written). Default true. */
  readonly save?: boolean;
  /** Ignore any snapshot of this version and fold the whole log again. */
  readonly fromScratch?: boolean;
  /** How many events the log holds, when the caller knows; otherwise the last version's count is the estimate. */
  readonly expectedEvents?: number;
}

export interface CatchUpResult<S> extends Position<S> {
  /** Contracts left out because their stream holds an unreadable event (see `Position.leftOut`); empty when none. */
  readonly leftOut: LeftOutContract[];
  /** Events applied by this call. */
  readonly applied: number;
  /** Whether this call started from the beginning of the log (no snapshot of this version, or `fromScratch`). */
  readonly rebuilt: boolean;
}

/**
 * Brings a projection up to the end of the log: from its own version's snapshot when there is one,
 * else from the start of the log (a rebuild, beside any older version's snapshot, which this never
 * touches). Reads in batches and holds only the projection's state, so memory does not grow with
 * the log. The state and its checkpoint are saved together in one write; a crash between saves
 * loses only work, never counts an event twice.
 */
export const catchUp = async <S>(store: ProjectionStore, projection: Projection<S>, options: CatchUpOptions = {}): Promise<CatchUpResult<S>> => {
  const pointer = await loadPointer(store, projection.name);
  if (pointer !== undefined && pointer.version > projection.version) {
    throw new NewerProjectionVersion(projection.name, pointer.version, projection.version);
  }
  const saved = options.fromScratch === true ? undefined : await loadPosition(store, projection);
  const position: Position<S> = saved ?? { state: projection.initialState(), checkpoint: undefined, events: 0 };
  const expected = options.expectedEvents ?? (pointer === undefined ? undefined : Math.max(0, pointer.events - position.events));
  const save = options.save !== false;
  const saveEveryMs = options.saveEveryMs ?? 30_000;

  const meter = progressMeter(projection.name, options.onProgress, expected);
  const apply = projection.apply;
  const state = position.state;
  const before = position.events;
  let applied = 0;
  let lastSave = performance.now();
  const leftOut = (position.leftOut ??= []);
  const skipped = new Set(leftOut.map((c) => c.contractId));
  const batchSize = options.batchSize ?? 1000;
  for (;;) {
    try {
      const readOptions = position.checkpoint === undefined ? { batchSize } : { after: position.checkpoint, batchSize };
      for await (const logged of store.readAll(readOptions)) {
        position.checkpoint = logged.checkpoint;
        if (skipped.size > 0 && skipped.has(logged.event.data.contractId)) continue;
        apply(state, logged.event);
        applied++;
        if ((applied & 4095) === 0) {
          meter.tick(applied);
          if (save && performance.now() - lastSave >= saveEveryMs) {
            position.events = before + applied;
            await savePosition(store, projection, position, false); // not at the head yet: the pointer stays
            lastSave = performance.now();
          }
        }
      }
      break;
    } catch (error) {
      // One unreadable stream leaves one contract out, not the whole report: note it, read on after it.
      const unreadable = unreadableEvent(error);
      if (unreadable === undefined) throw error;
      position.checkpoint = unreadable.checkpoint;
      if (!skipped.has(unreadable.contractId)) {
        skipped.add(unreadable.contractId);
        leftOut.push(unreadable);
      }
    }
  }
  position.events = before + applied;
  meter.finish(applied);
  if (save && (applied > 0 || saved === undefined || pointer === undefined || pointer.version < projection.version)) await savePosition(store, projection, position, true);
  return { ...position, leftOut, applied, rebuilt: saved === undefined };
};

/**
 * The store's StoredEventUnreadable, recognised by its shape (this package does not import the
 * adapters): a contract stream, and the checkpoint of the event that cannot be read.
 */
const unreadableEvent = (error: unknown): LeftOutContract | undefined => {
  const e = error as { code?: unknown; streamName?: unknown; checkpoint?: unknown } | null;
  if (e === null || typeof e !== 'object' || e.code !== 'stored-event-unreadable') return undefined;
  if (typeof e.streamName !== 'string' || !e.streamName.startsWith('contract-') || typeof e.checkpoint !== 'string') return undefined;
  return { contractId: e.streamName.slice('contract-'.length), reason: e.code, checkpoint: e.checkpoint };
};
