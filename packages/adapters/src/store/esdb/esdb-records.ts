import type { EventSerializer, RecordedEvent } from '../event-store.js';
import { recordedEventOf, recordedEventOfData } from '../serializer.js';
import { checkpointOf, type LogPosition } from './esdb-positions.js';

/** What fagsign writes as an EventStoreDB event's metadata. `$correlationId`/`$causationId` are the server's own names. */
export interface EsdbEventMetadata {
  readonly schemaVersion: number;
  readonly $correlationId?: string;
  readonly $causationId?: string;
}

export const metadataOf = (schemaVersion: number, correlationId: string | undefined, causationId: string | undefined): EsdbEventMetadata => ({
  schemaVersion,
  ...(correlationId === undefined ? {} : { $correlationId: correlationId }),
  ...(causationId === undefined ? {} : { $causationId: causationId }),
});

/** The part of the client's recorded event we read; structural, so no client type leaves the adapter. */
export interface EsdbRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly isJson: boolean;
  readonly created: Date;
  readonly position?: LogPosition | undefined;
}

/** Events of ours: in a stream with one of the prefixes, and not a system event (`$…`). */
export const isOurs = (record: EsdbRecord, prefixes: readonly string[]): boolean =>
  !record.type.startsWith('$') && prefixes.some((prefix) => record.streamId.startsWith(prefix));

const asMetadata = (metadata: unknown): Partial<EsdbEventMetadata> =>
  typeof metadata === 'object' && metadata !== null && !(metadata instanceof Uint8Array) ? (metadata as Partial<EsdbEventMetadata>) : {};

export const recordedOf = <E>(serializer: EventSerializer<E>, record: EsdbRecord): RecordedEvent<E> => {
  const metadata = asMetadata(record.metadata);
  const row = {
    streamName: record.streamId,
    streamVersion: Number(record.revision) + 1,
    // Events read from a stream carry no position in older servers; they still name their revision.
    checkpoint: record.position === undefined ? '' : checkpointOf(record.position),
    eventId: record.id,
    eventType: record.type,
    schemaVersion: typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1,
    correlationId: metadata.$correlationId,
    causationId: metadata.$causationId,
    recordedAt: record.created.toISOString(),
  };
  // A binary event (another writer's) is read as UTF-8 JSON text, and fails like any unreadable row.
  return record.isJson ? recordedEventOfData(serializer, row, record.data) : recordedEventOf(serializer, { ...row, json: Buffer.from(record.data as Uint8Array).toString('utf8') });
};
