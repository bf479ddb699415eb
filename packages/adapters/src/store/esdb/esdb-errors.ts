import type { ExpectedVersion } from '../event-store.js';
import { InvalidAppend, StoreError, StoreUnavailable, VersionConflict } from '../errors.js';
import { versionOfRevision } from './esdb-positions.js';

/*
 * EventStoreDB's client fails in several shapes: reads reject with its own error classes
 * (UnavailableError, DeadlineExceededError, …), while a failed append on a dead connection rejects
 * with the raw gRPC error (code 14). Both are recognised here by their `type` or gRPC `code`, not by
 * class, so this file needs no import of the client.
 */

interface ClientError {
  readonly type?: string;
  readonly actualVersion?: bigint | string;
}

export const isStreamNotFound = (error: unknown): boolean => (error as ClientError | undefined)?.type === 'stream-not-found';

export const esdbErrorOf = (error: unknown, operation: string, streamName?: string, expected?: ExpectedVersion): StoreError => {
  if (error instanceof StoreError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ClientError;
  if (e.type === 'wrong-expected-version' && streamName !== undefined && expected !== undefined) {
    return new VersionConflict(streamName, expected, versionOfRevision(e.actualVersion));
  }
  if (e.type === 'maximum-append-size-exceeded' && streamName !== undefined) {
    return new InvalidAppend(streamName, 'the events exceed the server’s maximum append size');
  }
  if (e.type === 'access-denied') return new StoreUnavailable('esdb', `${operation}: access denied`, error);
  // Unavailable (gRPC 14, raw or wrapped), deadline exceeded (4), cancelled (1), not leader, and
  // anything unforeseen: the server cannot serve us now.
  return new StoreUnavailable('esdb', operation, error);
};
