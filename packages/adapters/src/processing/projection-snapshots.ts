import type { ContractEvent } from '@fagsign/domain';
import type { CheckpointStore } from './checkpoint-store.js';

/*
 * Each version of a projection is a processor of its own, named `name@version`: its state and
 * checkpoint are saved together in the CheckpointStore under that name, and its lease has that name
 * too, so a new version rebuilds beside the old one, which goes on serving the code that knows it.
 * (`name@version` is the key its snapshot always had in `saveProjection`: a snapshot saved there
 * before is picked up by the checkpoint store, and moves into the processor table on its first save.)
 *
 * A small pointer under `name` says which version is current (and how many events it had seen, for
 * the next rebuild's estimate of time left); a follower of an older version stops when it sees a
 * newer pointer. The pointer moves only when a version has caught up to the head of the log, by a
 * compare-and-set (`saveVersion`): an older version can never write over a newer one's pointer,
 * even when both save at once. So the old version serves throughout a long rebuild, and after a
 * crash in the middle of one it is still the current one.
 */

/** A projection as the runner folds it (the projections package's `Projection` is one): restated here, as the runner needs only these. */
export interface RunnableProjection<S> {
  /** Where the version pointer is saved; stable across versions. */
  readonly name: string;
  /** Bump it when `apply` changes meaning: the runner then rebuilds beside the old snapshot. */
  readonly version: number;
  /** A fresh, empty state: where a rebuild starts. */
  initialState(): S;
  /** Changes the state in place. */
  apply(state: S, event: ContractEvent): void;
  /** JSON-safe data for a save; it may share objects with the state, as a save serialises it at once. */
  serialize(state: S): unknown;
  /** The state again from what `serialize` gave (after a JSON round trip). */
  deserialize(saved: unknown): S;
}

/** The processor (and lease) name of one version of a projection: `name@version`. */
export const snapshotKey = (projection: Pick<RunnableProjection<unknown>, 'name' | 'version'>): string => `${projection.name}@${projection.version}`;

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

/** A contract a projection left out because its stream holds an event the store cannot read, so a report can say which contracts its figures miss. */
export interface LeftOutContract {
  readonly contractId: string;
  /** Why, without personal data: the store's error code. */
  readonly reason: string;
  /** Where the unreadable event stands in the log. */
  readonly checkpoint: string;
}

/** The state a projection version saves with its checkpoint. */
export interface SavedProjectionState {
  readonly events: number;
  readonly data: unknown;
  readonly leftOut?: LeftOutContract[];
}

/** Which version of a projection is current, where it was when it last saved, and how many events it had applied. */
export interface Pointer {
  readonly version: number;
  readonly checkpoint: string | undefined;
  readonly events: number;
}

/** The saved form of a position: state serialised by the projection, with the count and the contracts left out. */
export const savedState = <S>(projection: RunnableProjection<S>, position: Position<S>): SavedProjectionState => ({
  events: position.events,
  data: projection.serialize(position.state),
  ...(position.leftOut?.length ? { leftOut: position.leftOut } : {}),
});

/** A saved state read back into a position; undefined when what is saved is not a projection state. */
export const positionOf = <S>(projection: RunnableProjection<S>, checkpoint: string | undefined, saved: unknown): Position<S> | undefined =>
  isSavedState(saved)
    ? { state: projection.deserialize(saved.data), checkpoint, events: saved.events, ...(saved.leftOut ? { leftOut: [...saved.leftOut] } : {}) }
    : undefined;

/** The position saved for this version of the projection, or undefined when it has none. */
export const loadPosition = async <S>(checkpoints: CheckpointStore, projection: RunnableProjection<S>): Promise<Position<S> | undefined> => {
  const saved = await checkpoints.load(snapshotKey(projection));
  return saved === undefined ? undefined : positionOf(projection, saved.checkpoint, saved.state);
};

/** Which version of the projection `name` is current; undefined before any version caught up. */
export const loadPointer = async (checkpoints: CheckpointStore, name: string): Promise<Pointer | undefined> => {
  const saved = await checkpoints.load(name);
  const pointer = saved?.state as Partial<Pointer> | null | undefined;
  return typeof pointer?.version === 'number' && typeof pointer.events === 'number' ? { version: pointer.version, checkpoint: saved!.checkpoint, events: pointer.events } : undefined;
};

/**
 * Makes this version the current one, at a position that has caught up to the head of the log: one
 * compare-and-set, refused (NewerProjectionVersion) when a newer version's pointer is there.
 */
export const switchPointer = async (checkpoints: CheckpointStore, projection: Pick<RunnableProjection<unknown>, 'name' | 'version'>, position: Pick<Position<unknown>, 'checkpoint' | 'events'>): Promise<void> => {
  const pointer: Pointer = { version: projection.version, checkpoint: position.checkpoint, events: position.events };
  if (await checkpoints.saveVersion(projection.name, { checkpoint: position.checkpoint, state: pointer })) return;
  const current = await loadPointer(checkpoints, projection.name);
  throw new NewerProjectionVersion(projection.name, current?.version ?? projection.version + 1, projection.version);
};

const isSavedState = (u: unknown): u is SavedProjectionState => typeof u === 'object' && u !== null && typeof (u as SavedProjectionState).events === 'number' && 'data' in u;

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
