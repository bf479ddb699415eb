import type BetterSqlite3 from 'better-sqlite3';
import type { Instant } from '@fagsign/domain';
import type { EventSerializer, RecordedEvent } from '../event-store.js';
import { StoredEventUnreadable } from '../errors.js';
import type { StoredRow } from '../serializer.js';

/*
 * Prepared statements over one better-sqlite3 connection. Reads use raw (array) rows: the global
 * read is the hot path of every projection rebuild, and arrays skip building an object per row.
 */

type Db = BetterSqlite3.Database;

const eventColumns = 'global_position, stream_name, stream_version, event_id, event_type, schema_version, data, correlation_id, causation_id, recorded_at';

type RawRow = [number, string, number, string, string, number, string, string | null, string | null, string];

/** Decodes a raw row straight into a RecordedEvent: the hot path of every global read, so no StoredRow in between. */
export const recordedOfRaw = <E>(serializer: EventSerializer<E>, raw: RawRow): RecordedEvent<E> => {
  let data: unknown;
  try {
    data = JSON.parse(raw[6]);
  } catch {
    throw new StoredEventUnreadable(raw[1], raw[2], String(raw[0]), undefined);
  }
  const decoded = serializer.decode({ type: raw[4], schemaVersion: raw[5], data });
  if (decoded._tag === 'Left') throw new StoredEventUnreadable(raw[1], raw[2], String(raw[0]), decoded.left);
  return {
    streamName: raw[1],
    streamVersion: raw[2],
    checkpoint: String(raw[0]),
    event: decoded.right,
    metadata: { eventId: raw[3], correlationId: raw[7] ?? undefined, causationId: raw[8] ?? undefined, recordedAt: raw[9] as Instant, schemaVersion: raw[5] },
  };
};

export const rowOf = (raw: RawRow): StoredRow => ({
  checkpoint: String(raw[0]),
  streamName: raw[1],
  streamVersion: raw[2],
  eventId: raw[3],
  eventType: raw[4],
  schemaVersion: raw[5],
  json: raw[6],
  correlationId: raw[7],
  causationId: raw[8],
  recordedAt: raw[9],
});

export interface SqliteStatements {
  streamVersion(streamName: string): number;
  /** Inserts one event; returns its global position. */
  insert(streamName: string, version: number, eventId: string, eventType: string, schemaVersion: number, json: string, correlationId: string | null, causationId: string | null, recordedAt: string): number;
  byEventId(eventId: string): { stream_name: string; stream_version: number } | undefined;
  readStream(streamName: string, fromVersion: number, limit: number): StoredRow[];
  readPage(after: number, limit: number): RawRow[];
  loadProjection(name: string): { version: number; checkpoint: string | null; state: string } | undefined;
  saveProjection(name: string, version: number, checkpoint: string | null, state: string, savedAt: string): void;
}

export const sqliteStatements = (db: Db): SqliteStatements => {
  const streamVersion = db.prepare<[string], number | null>('SELECT max(stream_version) FROM fagsign_events WHERE stream_name = ?').pluck();
  const insert = db.prepare<[string, number, string, string, number, string, string | null, string | null, string]>(
    'INSERT INTO fagsign_events (stream_name, stream_version, event_id, event_type, schema_version, data, correlation_id, causation_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byEventId = db.prepare<[string], { stream_name: string; stream_version: number }>(
    'SELECT stream_name, stream_version FROM fagsign_events WHERE event_id = ?',
  );
  const readStream = db
    .prepare<[string, number, number], RawRow>(`SELECT ${eventColumns} FROM fagsign_events WHERE stream_name = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?`)
    .raw();
  const readPage = db.prepare<[number, number], RawRow>(`SELECT ${eventColumns} FROM fagsign_events WHERE global_position > ? ORDER BY global_position LIMIT ?`).raw();
  const loadProjection = db.prepare<[string], { version: number; checkpoint: string | null; state: string }>(
    'SELECT version, checkpoint, state FROM fagsign_projections WHERE name = ?',
  );
  // One statement, so the state and its checkpoint are replaced together or not at all.
  const saveProjection = db.prepare<[string, number, string | null, string, string]>(
    `INSERT INTO fagsign_projections (name, version, checkpoint, state, saved_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint, state = excluded.state, saved_at = excluded.saved_at`,
  );
  return {
    streamVersion: (streamName: string): number => streamVersion.get(streamName) ?? 0,
    insert: (...values) => Number(insert.run(...values).lastInsertRowid),
    byEventId: (eventId: string) => byEventId.get(eventId),
    readStream: (streamName: string, fromVersion: number, limit: number): StoredRow[] => readStream.all(streamName, fromVersion, limit).map(rowOf),
    readPage: (after: number, limit: number): RawRow[] => readPage.all(after, limit),
    loadProjection: (name: string) => loadProjection.get(name),
    saveProjection: (...values) => {
      saveProjection.run(...values);
    },
  };
};

export type { RawRow };
