import type { ExpectedVersion } from '../event-store.js';
import { InvalidCheckpoint } from '../errors.js';

/*
 * Translations between our versions and checkpoints and EventStoreDB's revisions and positions.
 * Kept free of the client so they can be tested where no server runs.
 */

/** A position in EventStoreDB's transaction log. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Our checkpoint for a position: `<commit>/<prepare>`, both as decimal text (they exceed 2^53). */
export const checkpointOf = (position: LogPosition): string => `${position.commit}/${position.prepare}`;

export const positionOf = (checkpoint: string | undefined): LogPosition | undefined => {
  if (checkpoint === undefined) return undefined;
  const match = /^(\d{1,20})\/(\d{1,20})$/.exec(checkpoint);
  if (match === null) throw new InvalidCheckpoint('esdb', checkpoint);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
};

export const comparePositions = (a: LogPosition, b: LogPosition): number =>
  a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1;

/** The client's expected-revision values, spelled out so this file needs no import of the client. */
export type EsdbExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** Our version n is the stream's n-th event, which EventStoreDB numbers n-1 (revisions start at 0). */
export const expectedRevisionOf = (expected: ExpectedVersion): EsdbExpectedRevision => {
  switch (expected) {
    case 'any':
      return 'any';
    case 'no-stream':
      return 'no_stream';
    case 'stream-exists':
      return 'stream_exists';
    default:
      return expected === 0 ? 'no_stream' : BigInt(expected - 1);
  }
};

/** A stream's current revision (or no stream) as our version. */
export const versionOfRevision = (revision: bigint | string | undefined): number =>
  typeof revision === 'bigint' ? Number(revision) + 1 : 0;
