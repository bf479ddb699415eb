import { randomUUID } from 'node:crypto';
import type { AppendOptions, EventSerializer, EventToAppend, ExpectedVersion } from './event-store.js';
import { InvalidAppend } from './errors.js';

/*
 * The rules every adapter applies before it touches storage, so that all four refuse the same
 * appends with the same errors.
 */

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const maxStreamNameLength = 200;

/** One event ready to store: its stored form as JSON text, and a lower-case UUID. */
export interface PreparedEvent {
  readonly eventId: string;
  /** The caller gave the id (it may be stored already); false for a fresh random UUID, which cannot be. */
  readonly givenId: boolean;
  readonly eventType: string;
  readonly schemaVersion: number;
  readonly json: string;
}

export interface PreparedAppend {
  readonly streamName: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly PreparedEvent[];
  readonly correlationId: string | undefined;
  readonly causationId: string | undefined;
}

export const isExpectedVersion = (expected: unknown): expected is ExpectedVersion =>
  expected === 'any' ||
  expected === 'no-stream' ||
  expected === 'stream-exists' ||
  (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0);

/** Does a stream at version `actual` satisfy `expected`? Version 0 is "no stream". */
export const satisfies = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return actual === 0;
    case 'stream-exists':
      return actual > 0;
    default:
      return actual === expected;
  }
};

/**
 * Validates an append and serializes its events. Event ids are UUIDs (EventStoreDB demands them, and
 * one rule for all stores keeps them interchangeable), stored in lower case, unique within the append.
 */
export const prepareAppend = <E>(
  serializer: EventSerializer<E>,
  streamName: string,
  events: readonly EventToAppend<E>[],
  options: AppendOptions = {},
): PreparedAppend => {
  if (typeof streamName !== 'string' || streamName.length === 0 || streamName.length > maxStreamNameLength) {
    throw new InvalidAppend(String(streamName).slice(0, maxStreamNameLength), `the stream name must be 1–${maxStreamNameLength} characters`);
  }
  const expected = options.expectedVersion ?? 'any';
  if (!isExpectedVersion(expected)) {
    throw new InvalidAppend(streamName, "the expected version must be a whole number ≥ 0, 'no-stream', 'stream-exists' or 'any'");
  }
  // Only ids the caller gave can repeat: fresh random UUIDs need neither a check nor a set.
  let given: Set<string> | undefined;
  const prepared: PreparedEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const toAppend = events[i]!;
    let eventId: string;
    if (toAppend.eventId === undefined) {
      eventId = randomUUID();
    } else {
      eventId = toAppend.eventId.toLowerCase();
      if (!uuidShape.test(eventId)) throw new InvalidAppend(streamName, `event ${i + 1}'s id must be a UUID`);
      given ??= new Set();
      if (given.has(eventId)) throw new InvalidAppend(streamName, `event ${i + 1}'s id is repeated within the append`);
      given.add(eventId);
    }
    const stored = serializer.encode(toAppend.event);
    prepared[i] = { eventId, givenId: toAppend.eventId !== undefined, eventType: stored.type, schemaVersion: stored.schemaVersion, json: JSON.stringify(stored.data) };
  }
  return { streamName, expected, events: prepared, correlationId: options.correlationId, causationId: options.causationId };
};

let lastMillis = -1;
let lastInstant = '';

/**
 * Now as an ISO instant for `recordedAt`. Appends within one millisecond share one string: in a
 * store of millions of events that is millions fewer strings for the garbage collector.
 */
export const recordedNow = (): string => {
  const millis = Date.now();
  if (millis !== lastMillis) {
    lastMillis = millis;
    lastInstant = new Date(millis).toISOString();
  }
  return lastInstant;
};
