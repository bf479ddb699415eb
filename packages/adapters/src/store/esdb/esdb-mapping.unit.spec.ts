import { describe, expect, it } from 'vitest';
import { InvalidAppend, InvalidCheckpoint, StoreUnavailable, VersionConflict } from '../errors.js';
import { esdbErrorOf, isStreamNotFound } from './esdb-errors.js';
import { checkpointOf, comparePositions, expectedRevisionOf, positionOf, versionOfRevision } from './esdb-positions.js';
import { isOurs, metadataOf } from './esdb-records.js';

describe('EventStoreDB mapping (no server needed)', () => {
  it('maps our expected versions to revisions: version n is revision n-1', () => {
    expect(expectedRevisionOf('any')).toBe('any');
    expect(expectedRevisionOf('no-stream')).toBe('no_stream');
    expect(expectedRevisionOf('stream-exists')).toBe('stream_exists');
    expect(expectedRevisionOf(0)).toBe('no_stream');
    expect(expectedRevisionOf(1)).toBe(0n);
    expect(expectedRevisionOf(10)).toBe(9n);
    expect(versionOfRevision(9n)).toBe(10);
    expect(versionOfRevision('no_stream')).toBe(0);
  });

  it('turns WrongExpectedVersionError into VersionConflict with our actual version', () => {
    const conflict = esdbErrorOf({ type: 'wrong-expected-version', actualVersion: 4n }, 'append', 'contract-LK-1', 2);
    expect(conflict).toBeInstanceOf(VersionConflict);
    expect(conflict).toMatchObject({ streamName: 'contract-LK-1', expected: 2, actual: 5 });
    expect(esdbErrorOf({ type: 'wrong-expected-version', actualVersion: 'no_stream' }, 'append', 'contract-LK-1', 'stream-exists')).toMatchObject({ actual: 0 });
  });

  it('turns unavailable, deadline and raw gRPC failures into StoreUnavailable, oversized appends into InvalidAppend', () => {
    for (const error of [{ type: 'unavailable', code: 14 }, { code: 14, message: '14 UNAVAILABLE' }, { type: 'deadline-exceeded', code: 4 }, new Error('socket hang up')]) {
      expect(esdbErrorOf(error, 'read')).toBeInstanceOf(StoreUnavailable);
    }
    expect(esdbErrorOf({ type: 'maximum-append-size-exceeded' }, 'append', 'contract-LK-1', 'any')).toBeInstanceOf(InvalidAppend);
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true);
  });

  it('keeps checkpoints as commit/prepare positions in text, beyond 2^53', () => {
    const position = { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_993n };
    expect(checkpointOf(position)).toBe('9007199254740993/9007199254740993');
    expect(positionOf(checkpointOf(position))).toEqual(position);
    expect(() => positionOf('17:42')).toThrow(InvalidCheckpoint);
    expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 1n, prepare: 9n })).toBe(1);
    expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 1n })).toBe(0);
  });

  it('reads only our streams and no system events from $all, and writes correlation as the server names it', () => {
    const record = { streamId: 'contract-LK-1', type: 'VigoUpdated' } as never;
    expect(isOurs(record, ['contract-'])).toBe(true);
    expect(isOurs({ streamId: 'contract-LK-1', type: '$metadata' } as never, ['contract-'])).toBe(false);
    expect(isOurs({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' } as never, ['contract-'])).toBe(false);
    expect(metadataOf(2, 'c-1', undefined)).toEqual({ schemaVersion: 2, $correlationId: 'c-1' });
  });
});
