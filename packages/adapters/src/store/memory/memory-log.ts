import type { Instant } from '@fagsign/domain';
import type { RecordedEvent } from '../event-store.js';

/** A row written by the test hook as a broken or foreign writer would: decoded (and refused) on read. */
export class RawMemoryRow {
  constructor(
    readonly eventType: string,
    readonly json: string,
  ) {}
}

/**
 * The memory store's global log, one array per column and no object per row: the events
 * themselves, as appended, and their metadata beside them. Positions are 1-based.
 */
export interface MemoryLog<E> {
  readonly length: number;
  push(streamName: string, streamVersion: number, eventId: string, schemaVersion: number, payload: E | RawMemoryRow, correlationId: string | undefined, causationId: string | undefined, recordedAt: string): number;
  streamNameAt(position: number): string;
  streamVersionAt(position: number): number;
  eventIdAt(position: number): string;
  payloadAt(position: number): E | RawMemoryRow;
  /** The row as a recorded event; the payload must be an event, not a raw row. */
  recorded(position: number, event: E): RecordedEvent<E>;
  /** What a stored row holds, for decoding a raw one. */
  stored(position: number, raw: RawMemoryRow): { streamName: string; streamVersion: number; checkpoint: string; eventId: string; eventType: string; schemaVersion: number; json: string; correlationId: string | undefined; causationId: string | undefined; recordedAt: string };
}

export const memoryLog = <E>(): MemoryLog<E> => {
  const streamNames: string[] = [];
  const streamVersions: number[] = [];
  const eventIds: string[] = [];
  const schemaVersions: number[] = [];
  const payloads: (E | RawMemoryRow)[] = [];
  const correlationIds: (string | undefined)[] = [];
  const causationIds: (string | undefined)[] = [];
  const recordedAts: string[] = [];
  return {
    get length() {
      return payloads.length;
    },
    push(streamName, streamVersion, eventId, schemaVersion, payload, correlationId, causationId, recordedAt) {
      streamNames.push(streamName);
      streamVersions.push(streamVersion);
      eventIds.push(eventId);
      schemaVersions.push(schemaVersion);
      payloads.push(payload);
      correlationIds.push(correlationId);
      causationIds.push(causationId);
      recordedAts.push(recordedAt);
      return payloads.length;
    },
    streamNameAt: (position) => streamNames[position - 1]!,
    streamVersionAt: (position) => streamVersions[position - 1]!,
    eventIdAt: (position) => eventIds[position - 1]!,
    payloadAt: (position) => payloads[position - 1]!,
    recorded(position, event) {
      const i = position - 1;
      return {
        streamName: streamNames[i]!,
        streamVersion: streamVersions[i]!,
        checkpoint: String(position),
        event,
        metadata: {
          eventId: eventIds[i]!,
          correlationId: correlationIds[i],
          causationId: causationIds[i],
          recordedAt: recordedAts[i]! as Instant,
          schemaVersion: schemaVersions[i]!,
        },
      };
    },
    stored(position, raw) {
      const i = position - 1;
      return {
        streamName: streamNames[i]!,
        streamVersion: streamVersions[i]!,
        checkpoint: String(position),
        eventId: eventIds[i]!,
        eventType: raw.eventType,
        schemaVersion: schemaVersions[i]!,
        json: raw.json,
        correlationId: correlationIds[i],
        causationId: causationIds[i],
        recordedAt: recordedAts[i]!,
      };
    },
  };
};
