import type { StoredRow } from '../serializer.js';

/*
 * The SQL the store runs, for one schema. Log reads return array rows (no object per row) with the
 * columns in the order of `LogRow`.
 */

/** transaction id, position, stream, version, event id, type, schema version, data (parsed), correlation, causation, recorded (ms). */
export type LogRow = [string, string, string, number, string, string, number, unknown, string | null, string | null, string];

const logColumns = `e.transaction_id::text, e.global_position::text, e.stream_name, e.stream_version, e.event_id::text, e.event_type,
  e.schema_version, e.data, e.correlation_id, e.causation_id, (extract(epoch FROM e.recorded_at) * 1000)::bigint::text`;

export const postgresQueries = (s: string) => ({
  append: `SELECT outcome, version, last_transaction, last_position::text, duplicate_id::text FROM ${s}.fagsign_append($1, $2, $3::uuid[], $4, $5, $6::jsonb, $7, $8)`,
  // Only rows below the oldest running transaction: nothing can commit later in front of them.
  readPage: `SELECT ${logColumns} FROM ${s}.fagsign_events e
    WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
      AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY e.transaction_id, e.global_position LIMIT $3`,
  // A processor's lag: what a reader at this checkpoint has still to read.
  countAfter: `SELECT count(*)::text AS n FROM ${s}.fagsign_events e
    WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
      AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
  // One statement, one snapshot: the stream's version and its events agree. Column 11 is the version.
  readStream: `SELECT ${logColumns}, (SELECT coalesce(max(v.stream_version), 0) FROM ${s}.fagsign_events v WHERE v.stream_name = $1)
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (SELECT * FROM ${s}.fagsign_events ev WHERE ev.stream_name = $1 AND ev.stream_version >= $2
                       ORDER BY ev.stream_version LIMIT $3) e ON true
    ORDER BY e.stream_version`,
  loadProjection: `SELECT version, checkpoint, state FROM ${s}.fagsign_projections WHERE name = $1`,
  // One statement: the state and its checkpoint are replaced together or not at all.
  saveProjection: `INSERT INTO ${s}.fagsign_projections (name, version, checkpoint, state, saved_at) VALUES ($1, $2, $3, $4::jsonb, now())
    ON CONFLICT (name) DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint, state = excluded.state, saved_at = excluded.saved_at`,
  storedRowOf: (row: LogRow): Omit<StoredRow, 'json'> => ({
    checkpoint: `${row[0]}:${row[1]}`,
    streamName: row[2],
    streamVersion: row[3],
    eventId: row[4],
    eventType: row[5],
    schemaVersion: row[6],
    correlationId: row[8],
    causationId: row[9],
    recordedAt: new Date(Number(row[10])).toISOString(),
  }),
});
