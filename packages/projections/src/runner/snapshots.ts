import type { Projection } from '../projection.js';
import type { ProjectionStore } from './store-port.js';

/*
 * Each version of a projection keeps its own snapshot, under `name@version`: a new version rebuilds
 * beside the old one, which goes on serving the code that knows it. A small pointer under `name`
 * says which version is current (and how many events it had seen, for the next rebuild's estimate
 * of time left); a follower of an older version stops when it sees a newer pointer.
 *
 * The pointer moves only when a version has caught up to the head of the log: a rebuild's
 * intermediate saves (so a crash resumes near where it stopped) write its snapshot only. So the old
 * version serves throughout a long rebuild, and after a crash in the middle of one it is still the
 * current one. The switch is one write of the pointer.
 */

export const snapshotKey = (projection: Pick<Projection<unknown>, 'name' | 'version'>): string => `${projection.name}@${projection.version}`;

/** What a running projection holds: its state, where it is in the log, and how many events it has applied. */
export interface Position<S> {
  state: S;
  checkpoint: string | undefined;
  events: number;
  /**
   * Contracts left out because their stream holds an event the store cannot read: their events
   * from that one on are not in the state. Empty or absent when none.
   */
  leftOut?: LeftOutContract[];
}

export interface LeftOutContract {
  readonly contractId: string;
  /** Why, without personal data: the store's error code. */
  readonly reason: string;
  /** Where the unreadable event stands in the log. */
  readonly checkpoint: string;
}

interface SavedState {
  readonly events: number;
  readonly data: unknown;
  readonly leftOut?: LeftOutContract[];
}

export interface Pointer {
  readonly version: number;
  readonly checkpoint: string | undefined;
  readonly events: number;
}

export const loadPosition = async <S>(store: ProjectionStore, projection: Projection<S>): Promise<Position<S> | undefined> => {
  const saved = await store.loadProjection(snapshotKey(projection));
  if (saved === undefined || saved.version !== projection.version || !isSavedState(saved.state)) return undefined;
  return { state: projection.deserialize(saved.state.data), checkpoint: saved.checkpoint, events: saved.state.events, ...(saved.state.leftOut ? { leftOut: [...saved.state.leftOut] } : {}) };
};

/**
 * One atomic write of state and checkpoint; then, when `caughtUp` (the position is at the head of
 * the log), the pointer, which makes this version the current one.
 */
export const savePosition = async <S>(store: ProjectionStore, projection: Projection<S>, position: Position<S>, caughtUp = true): Promise<void> => {
  const state: SavedState = { events: position.events, data: projection.serialize(position.state), ...(position.leftOut?.length ? { leftOut: position.leftOut } : {}) };
  await store.saveProjection(snapshotKey(projection), { version: projection.version, checkpoint: position.checkpoint, state });
  if (!caughtUp) return;
  const pointer: Pointer = { version: projection.version, checkpoint: position.checkpoint, events: position.events };
  await store.saveProjection(projection.name, { version: projection.version, checkpoint: position.checkpoint, state: pointer });
};

export const loadPointer = async (store: ProjectionStore, name: string): Promise<Pointer | undefined> => {
  const saved = await store.loadProjection(name);
  const pointer = saved?.state as Partial<Pointer> | undefined;
  return pointer !== undefined && typeof pointer?.version === 'number' && typeof pointer.events === 'number'
    ? { version: pointer.version, checkpoint: saved!.checkpoint, events: pointer.events }
    : undefined;
};

const isSavedState = (u: unknown): u is SavedState =>
  typeof u === 'object' && u !== null && typeof (u as SavedState).events === 'number' && 'data' in u;

/** The saved projection is of a newer version than this code knows: this code must not overwrite it. */
export class NewerProjectionVersion extends Error {
  readonly code = 'newer-projection-version';
  constructor(
    readonly projection: string,
    readonly savedVersion: number,
    readonly ownVersion: number,
  ) {
    super(`The projection "${projection}" was taken over by version ${savedVersion}; this code has version ${ownVersion}. Upgrade fagsign.`);
  }
  override get name(): string {
    return 'NewerProjectionVersion';
  }
}
