import type { PreparedEvent } from '../append-rules.js';
import type { StoredRow } from '../serializer.js';

/**
 * The memory store's global log, one array per column and no object per event: a log of a million
 * events is then mostly a million JSON strings, which the garbage collector does not have to trace,
 * instead of a million small objects it would walk on every major collection (the bench measured
 * the row-object version at under half the append rate). Positions are 1-based.
 */
export interface MemoryLog {
  readonly length: number;
  push(streamName: string, streamVersion: number, event: PreparedEvent, correlationId: string | undefined, causationId: string | undefined, recordedAt: string): number;
  streamNameAt(position: number): string;
  streamVersionAt(position: number): number;
  row(position: number): StoredRow;
}

export const memoryLog = (): MemoryLog => {
  const streamNames: string[] = [];
  const streamVersions: number[] = [];
  const eventIds: string[] = [];
  const eventTypes: string[] = [];
  const schemaVersions: number[] = [];
  const jsons: string[] = [];
  const correlationIds: (string | undefined)[] = [];
  const causationIds: (string | undefined)[] = [];
  const recordedAts: string[] = [];
  return {
    get length() {
      return jsons.length;
    },
    push(streamName, streamVersion, event, correlationId, causationId, recordedAt) {
      streamNames.push(streamName);
      streamVersions.push(streamVersion);
      eventIds.push(event.eventId);
      eventTypes.push(event.eventType);
      schemaVersions.push(event.schemaVersion);
      jsons.push(event.json);
      correlationIds.push(correlationId);
      causationIds.push(causationId);
      recordedAts.push(recordedAt);
      return jsons.length;
    },
    streamNameAt: (position) => streamNames[position - 1]!,
    streamVersionAt: (position) => streamVersions[position - 1]!,
    row(position) {
      const i = position - 1;
      return {
        streamName: streamNames[i]!,
        streamVersion: streamVersions[i]!,
        checkpoint: String(position),
        eventId: eventIds[i]!,
        eventType: eventTypes[i]!,
        schemaVersion: schemaVersions[i]!,
        json: jsons[i]!,
        correlationId: correlationIds[i],
        causationId: causationIds[i],
        recordedAt: recordedAts[i]!,
      };
    },
  };
};
