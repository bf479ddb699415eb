import type { SerializedEvent } from '@fagsign/domain';
import { newEventId } from './event-id.js';
import type { AppendOptions, EventSerializer, EventToAppend, ExpectedVersion } from './event-store.js';
import { InvalidAppend } from './errors.js';

/*
 * The rules every adapter applies before it touches storage, so that all four refuse the same
 * appends with the same errors.
 */

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const maxStreamNameLength = 200;

/** One event ready to store: its stored form as JSON text, and a lower-case UUID. */
export interface PreparedEvent extends EventIdentity {
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

/** An event's id, and whether the caller gave it (a given id may be stored already; a fresh random UUID cannot be). */
export interface EventIdentity {
  readonly eventId: string;
  readonly givenId: boolean;
}

export interface CheckedAppend {
  readonly streamName: string;
  readonly expected: ExpectedVersion;
  /** The events' ids, in order: given ones in lower case, the others fresh random UUIDs. */
  readonly ids: readonly string[];
  /** Which ids the caller gave; undefined when none was given (the common case, which allocates nothing more). */
  readonly given: readonly boolean[] | undefined;
  readonly correlationId: string | undefined;
  readonly causationId: string | undefined;
}

/**
 * Validates an append: the stream name, the expected version, and the event ids. Ids are UUIDs
 * (EventStoreDB demands them, and one rule for all stores keeps them interchangeable), stored in
 * lower case, unique within the append.
 */
export const checkAppend = <E>(streamName: string, events: readonly EventToAppend<E>[], options: AppendOptions = {}): CheckedAppend => {
  if (typeof streamName !== 'string' || streamName.length === 0 || streamName.length > maxStreamNameLength) {
    throw new InvalidAppend(String(streamName).slice(0, maxStreamNameLength), `the stream name must be 1–${maxStreamNameLength} characters`);
  }
  const expected = options.expectedVersion ?? 'any';
  if (!isExpectedVersion(expected)) {
    throw new InvalidAppend(streamName, "the expected version must be a whole number ≥ 0, 'no-stream', 'stream-exists' or 'any'");
  }
  // Only ids the caller gave can repeat: fresh random UUIDs need neither a check nor a set.
  let seen: Set<string> | undefined;
  let given: boolean[] | undefined;
  const ids: string[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const toAppend = events[i]!;
    if (toAppend.eventId === undefined) {
      ids[i] = newEventId();
      continue;
    }
    const eventId = toAppend.eventId.toLowerCase();
    if (!uuidShape.test(eventId)) throw new InvalidAppend(streamName, `event ${i + 1}'s id must be a UUID`);
    seen ??= new Set();
    if (seen.has(eventId)) throw new InvalidAppend(streamName, `event ${i + 1}'s id is repeated within the append`);
    seen.add(eventId);
    given ??= new Array<boolean>(events.length).fill(false);
    given[i] = true;
    ids[i] = eventId;
  }
  return { streamName, expected, ids, given, correlationId: options.correlationId, causationId: options.causationId };
};

/** Validates an append and serializes its events, for the stores that keep the stored form. */
export const prepareAppend = <E>(
  serializer: EventSerializer<E>,
  streamName: string,
  events: readonly EventToAppend<E>[],
  options: AppendOptions = {},
): PreparedAppend => {
  const checked = checkAppend(streamName, events, options);
  const prepared: PreparedEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const { stored, json } = readableStoredForm(serializer, streamName, i, events[i]!.event);
    prepared[i] = { eventId: checked.ids[i]!, givenId: checked.given?.[i] ?? false, eventType: stored.type, schemaVersion: stored.schemaVersion, json };
  }
  return { streamName, expected: checked.expected, events: prepared, correlationId: checked.correlationId, causationId: checked.causationId };
};

/**
 * An event's stored form, refused with `InvalidAppend` unless it reads back: encoded, written as
 * JSON text, parsed and decoded exactly as a later read would. A poison event (a value its type
 * only claims, such as an instant without an offset) would otherwise be stored, and every later
 * read of its stream, and every reader of the global log, would stop at it. The durable stores
 * append through this; the memory store through `checkReadable`, the same rule without the text.
 */
export const readableStoredForm = <E>(serializer: EventSerializer<E>, streamName: string, index: number, event: E): { stored: SerializedEvent; json: string } => {
  const stored = encoded(serializer, streamName, index, event);
  let json: string | undefined;
  try {
    json = JSON.stringify(stored.data);
  } catch {
    throw new InvalidAppend(streamName, `${describe(index, event)} cannot be written as JSON`);
  }
  if (json === undefined) throw new InvalidAppend(streamName, `${describe(index, event)} has no data to store`);
  decodesBack(serializer, streamName, index, event, { type: stored.type, schemaVersion: stored.schemaVersion, data: JSON.parse(json) });
  return { stored, json };
};

/**
 * The same rule for a store that keeps events as they are (memory): encoded and decoded, without
 * writing and parsing the text, which would double the cost of an append. What JSON text would
 * lose (a number that is not finite, an undefined in a list) is looked for instead.
 */
export const checkReadable = <E>(serializer: EventSerializer<E>, streamName: string, index: number, event: E): void => {
  const stored = encoded(serializer, streamName, index, event);
  if (!survivesJson(stored.data)) throw new InvalidAppend(streamName, `${describe(index, event)} holds a value JSON cannot carry (a number that is not finite, or a gap in a list)`);
  decodesBack(serializer, streamName, index, event, stored);
};

const encoded = <E>(serializer: EventSerializer<E>, streamName: string, index: number, event: E): SerializedEvent => {
  try {
    return serializer.encode(event);
  } catch {
    // the encoder's own message may quote the value; the rule is all we say
    throw new InvalidAppend(streamName, `${describe(index, event)} cannot be encoded (a value is not of its field's type)`);
  }
};

const decodesBack = <E>(serializer: EventSerializer<E>, streamName: string, index: number, event: E, stored: SerializedEvent): void => {
  const decoded = serializer.decode(stored);
  if (decoded._tag === 'Left') throw new InvalidAppend(streamName, `${describe(index, event)} would not read back: ${decoded.left.message}`);
};

/** False where JSON.stringify would change the data: a non-finite number becomes null, an undefined list item null. */
const survivesJson = (data: unknown): boolean => {
  if (typeof data === 'number') return Number.isFinite(data);
  if (typeof data !== 'object' || data === null) return true;
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) if (data[i] === undefined || !survivesJson(data[i])) return false;
    return true;
  }
  for (const key in data) if (!survivesJson((data as Record<string, unknown>)[key])) return false;
  return true;
};

const describe = (index: number, event: unknown): string => `event ${index + 1}${typeName(event)}`;

const typeName = (event: unknown): string => {
  const type = (event as { type?: unknown } | null)?.type;
  return typeof type === 'string' && /^[A-Za-z]{1,60}$/.test(type) ? ` (${type})` : '';
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
