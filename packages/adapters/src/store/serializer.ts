import { currentSchemaVersion, decodeEvent, encodeEvent, type ContractEvent, type Instant } from '@fagsign/domain';
import type { EventSerializer, RecordedEvent } from './event-store.js';
import { StoredEventUnreadable } from './errors.js';

/** The default serializer: the domain's codecs, so personal values are revealed and upcasters run. */
export const contractEventSerializer: EventSerializer<ContractEvent> = {
  encode: encodeEvent,
  decode: decodeEvent,
  versionOf: (event) => currentSchemaVersion(event.type),
};

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
