import type { ExpectedVersion } from '../event-store.js';
import { InvalidAppend, StoreError, StoreRequirementUnmet, StoreUnavailable, StreamDeleted, VersionConflict } from '../errors.js';
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
  readonly maxAppendSize?: number;
  readonly streamName?: string;
}

export const isStreamNotFound = (error: unknown): boolean => (error as ClientError | undefined)?.type === 'stream-not-found';

/** What the store's user must be allowed, named in the error when the server refuses it. */
export const rightsNeeded = "read and write the store's streams and its projection streams, and read $all (on a default ACL: a member of $admins, or given $all read in the stream ACLs)";

/** The limit named when an append is too large, with what to do about it. */
export const appendSizeRule = (size: number | undefined, maxAppendSize: number): string =>
  `${size === undefined ? 'the events exceed' : `the events take ${size} bytes, over`} the server's maximum append size of ${maxAppendSize} bytes ` +
  "(its MaxAppendSize setting; fewer events per append, or a larger setting given to the store as maxAppendSize)";

export const esdbErrorOf = (error: unknown, operation: string, streamName?: string, expected?: ExpectedVersion): StoreError => {
  if (error instanceof StoreError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ClientError;
  if (e.type === 'wrong-expected-version' && streamName !== undefined && expected !== undefined) {
    return new VersionConflict(streamName, expected, versionOfRevision(e.actualVersion));
  }
  if (e.type === 'maximum-append-size-exceeded' && streamName !== undefined) {
    return new InvalidAppend(streamName, appendSizeRule(undefined, e.maxAppendSize ?? 1024 * 1024));
  }
  if (e.type === 'stream-deleted') return new StreamDeleted(streamName ?? e.streamName ?? '');
  if (e.type === 'access-denied') return new StoreRequirementUnmet('esdb', operation, `access denied; the store's user must ${rightsNeeded}`);
  // Unavailable (gRPC 14, raw or wrapped), deadline exceeded (4), cancelled (1), not leader, and
  // anything unforeseen: the server cannot serve us now.
  return new StoreUnavailable('esdb', operation, error);
};
