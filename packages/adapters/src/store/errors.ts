import type { EventDecodeError } from '@fagsign/domain';
import type { ExpectedVersion, StoreKind } from './event-store.js';

/*
 * Every failure a store reports is one of these, so callers can branch on the class (or on
 * `code`) instead of parsing a driver's message. Messages name streams, versions and positions
 * only: stream names come from contract ids, which the domain guarantees carry no personal data,
 * and no message ever quotes stored data.
 */

export abstract class StoreError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

const showExpected = (expected: ExpectedVersion): string => (typeof expected === 'number' ? `version ${expected}` : expected);

/** Someone else appended first: read the stream again, decide again, retry. */
export class VersionConflict extends StoreError {
  readonly code = 'version-conflict';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was refused (0: no stream). */
    readonly actual: number,
  ) {
    super(`Version conflict on ${streamName}: expected ${showExpected(expected)}, the stream is at version ${actual}`);
  }
}

/** An event id that is already stored elsewhere, or only part of an earlier append: nothing was written. */
export class DuplicateEventId extends StoreError {
  readonly code = 'duplicate-event-id';
  constructor(
    readonly streamName: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already stored, but not as part of the same append to ${streamName}; nothing was written`);
  }
}

/** An append the store refuses before touching storage: a bad stream name, event id or expected version. */
export class InvalidAppend extends StoreError {
  readonly code = 'invalid-append';
  constructor(
    readonly streamName: string,
    readonly rule: string,
  ) {
    super(`Invalid append to ${streamName}: ${rule}`);
  }
}

/** A checkpoint this store did not produce (from another kind of store, or mangled). */
export class InvalidCheckpoint extends StoreError {
  readonly code = 'invalid-checkpoint';
  constructor(
    readonly kind: StoreKind,
    readonly checkpoint: string,
  ) {
    super(`Not a ${kind} checkpoint: ${JSON.stringify(checkpoint.slice(0, 64))}`);
  }
}

/** The store cannot be reached or is closed. The driver's error is kept as `cause`; retrying later may work. */
export class StoreUnavailable extends StoreError {
  readonly code = 'store-unavailable';
  constructor(
    readonly kind: StoreKind,
    readonly operation: string,
    cause?: unknown,
  ) {
    super(`The ${kind} event store is unavailable (${operation})${reasonOf(cause)}`, cause === undefined ? undefined : { cause });
  }
}

// Driver messages name hosts, ports and error codes; they never carry stored event data.
const reasonOf = (cause: unknown): string => (cause instanceof Error && cause.message !== '' ? `: ${cause.message.split('\n')[0]}` : '');

/**
 * A stored event that cannot be read as any known version of its type. Reading stops here rather
 * than skip it: a projection that silently missed a SignerSigned would report a wrong status.
 */
export class StoredEventUnreadable extends StoreError {
  readonly code = 'stored-event-unreadable';
  constructor(
    readonly streamName: string,
    readonly streamVersion: number,
    readonly checkpoint: string,
    /** The domain's decode error, naming paths and rules; undefined when the stored text is not JSON. */
    readonly decodeError: EventDecodeError | Error | undefined,
  ) {
    super(
      `Cannot read event ${streamVersion} of ${streamName} (checkpoint ${checkpoint}): ${
        decodeError === undefined ? 'the stored data is not valid JSON' : decodeError.message
      }`,
      decodeError === undefined ? undefined : { cause: decodeError },
    );
  }
}

/** `openEventStore` was given a URL it does not know. The message never repeats the URL: it may hold a password. */
export class UnknownStoreUrl extends StoreError {
  readonly code = 'unknown-store-url';
  constructor(
    readonly scheme: string,
    readonly rule: string,
  ) {
    super(`Unknown event store URL (${scheme || 'no scheme'}): ${rule}. Use memory:, sqlite:PATH, postgres://…, or esdb://…`);
  }
}

/**
 * The store's server or user does not meet what fagsign needs (a server too old, a user without
 * the rights the store uses). Not transient: retrying will not help until the server or the
 * user's rights are changed. Found at open where it can be, otherwise at the call that needs it.
 */
export class StoreRequirementUnmet extends StoreError {
  readonly code = 'store-requirement-unmet';
  constructor(
    readonly kind: StoreKind,
    readonly operation: string,
    readonly requirement: string,
  ) {
    super(`The ${kind} event store cannot serve fagsign (${operation}): ${requirement}`);
  }
}

/** The stream was deleted on the server (tombstoned): it can be neither read nor written again. */
export class StreamDeleted extends StoreError {
  readonly code = 'stream-deleted';
  constructor(readonly streamName: string) {
    super(`The stream ${streamName} was deleted on the server and can be neither read nor written`);
  }
}

/**
 * The file or database named is not a fagsign event store (an empty file, another SQLite database,
 * anything else): fagsign opens it for nothing, so it never turns someone's data into a store.
 */
export class NotAFagsignStore extends StoreError {
  readonly code = 'not-a-fagsign-store';
  constructor(
    readonly kind: StoreKind,
    readonly where: string,
    readonly rule: string,
  ) {
    super(`${where} is not a fagsign event store: ${rule}`);
  }
}

/** A saved projection whose stored text is not JSON: a cache gone bad; rebuilding the projection replaces it. */
export class StoredProjectionUnreadable extends StoreError {
  readonly code = 'stored-projection-unreadable';
  constructor(readonly projection: string) {
    super(`The saved projection "${projection}" is not readable: run 'fagsign rebuild' to fold it again from the log`);
  }
}
