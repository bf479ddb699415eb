import { currentSchemaVersion, decodeEvent, encodeEvent, storedAsIs, type ContractEvent, type Instant, type SerializedEvent } from '@fagsign/domain';
import { right, type Either } from 'fp-ts/lib/Either.js';
import type { EventSerializer, ReadAllOptions, RecordedEvent } from './event-store.js';
import { StoredEventUnreadable } from './errors.js';
import { pathsOf, sealedStored } from '../privacy/personal-fields.js';

/**
 * The projection view of a stored event (`view: 'projection'`), for readers that never read a
 * personal value. An event type that carries personal data goes through the domain's decode with
 * each sealed value replaced by its erased form of the same kind, so no key is needed and nothing
 * is decrypted; a plain value (a store without encryption) is classified as the full decode does,
 * because its kind is what projections count. Any other event of the current schema version is
 * handed over as parsed, without a decoded copy, when the domain says it reads as it lies
 * (`storedAsIs`). What that refuses, and every older version (the upcasters run), takes the domain's
 * decode, so a refusal names the field and the rule as in the full view.
 */
export const decodeForProjection = (stored: SerializedEvent): Either<Error, ContractEvent> => {
  if (pathsOf(stored.type) === undefined) {
    const asIs = storedAsIs(stored);
    if (asIs !== undefined) return right(asIs);
  }
  return decodeEvent(sealedStored(stored));
};

/** The default serializer: the domain's codecs, so personal values are revealed and upcasters run. */
export const contractEventSerializer: EventSerializer<ContractEvent> = {
  encode: encodeEvent,
  decode: decodeEvent,
  decodeForProjection,
  versionOf: (event) => currentSchemaVersion(event.type),
};

/** The serializer a read with `view` decodes with: the projection view's decode where the serializer has one. */
export const serializerForView = <E>(serializer: EventSerializer<E>, view: ReadAllOptions['view']): EventSerializer<E> =>
  view === 'projection' && serializer.decodeForProjection !== undefined ? { ...serializer, decode: serializer.decodeForProjection } : serializer;

/** One stored event as every adapter reads it back: the data still as JSON text. */
export interface StoredRow {
  readonly streamName: string;
  readonly streamVersion: number;
  readonly checkpoint: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly schemaVersion: number;
  readonly json: string;
  readonly correlationId: string | null | undefined;
  readonly causationId: string | null | undefined;
  readonly recordedAt: string;
}

/**
 * Decodes a stored row at the store's boundary. A row that is not JSON, or not any known version of
 * its type, becomes a typed error naming the stream, version and checkpoint; it is never skipped.
 */
export const recordedEventOf = <E>(serializer: EventSerializer<E>, row: StoredRow): RecordedEvent<E> => recordedEventOfData(serializer, row, parseStored(row));

/** The stored JSON text, parsed; the parser's message quotes the text, which may be personal data, so keep neither. */
export const parseStored = (row: Pick<StoredRow, 'streamName' | 'streamVersion' | 'checkpoint' | 'json'>): unknown => {
  try {
    return JSON.parse(row.json);
  } catch {
    throw new StoredEventUnreadable(row.streamName, row.streamVersion, row.checkpoint, undefined);
  }
};

/** As `recordedEventOf`, for stores whose client already parsed the JSON. */
export const recordedEventOfData = <E>(serializer: EventSerializer<E>, row: Omit<StoredRow, 'json'>, data: unknown): RecordedEvent<E> => {
  const decoded = serializer.decode({ type: row.eventType, schemaVersion: row.schemaVersion, data });
  if (decoded._tag === 'Left') throw new StoredEventUnreadable(row.streamName, row.streamVersion, row.checkpoint, decoded.left);
  return {
    streamName: row.streamName,
    streamVersion: row.streamVersion,
    checkpoint: row.checkpoint,
    event: decoded.right,
    metadata: {
      eventId: row.eventId,
      correlationId: row.correlationId ?? undefined,
      causationId: row.causationId ?? undefined,
      recordedAt: row.recordedAt as Instant,
      schemaVersion: row.schemaVersion,
    },
  };
};
