/*
 * The PostgreSQL schema, created by `migratePostgres` (run on first open unless told not to).
 *
 * Why transaction ids: a bigserial position is taken when a row is inserted, not when its
 * transaction commits, so a reader can see position 11 committed while 10 is still in flight and
 * skip 10 for ever. Each row therefore records its writer's transaction id (`xid8`), and readers
 * only read rows whose transaction id is below `pg_snapshot_xmin(pg_current_snapshot())`: every
 * transaction below that horizon has finished, so no row can later appear before a row already
 * read. The global order is (transaction_id, global_position), and a checkpoint holds both.
 *
 * Why an advisory lock per stream: appends to one stream must also be in version order in that
 * global order. The append takes the stream's lock before it writes anything, and an advisory lock
 * needs no transaction id; so a writer gets its id only once it holds the lock, after the previous
 * holder has committed, and ids (hence the global order) follow the versions. A row lock would not
 * do: locking a row assigns the id first, and a writer that waited could hold a lower id.
 */

export const postgresSchemaVersion = 2;

const identifier = /^[a-z_][a-z0-9_]{0,47}$/;

/** Schema names are spliced into SQL, so only plain lower-case identifiers are accepted. */
export const checkSchemaName = (schema: string): string => {
  if (!identifier.test(schema)) throw new Error('the PostgreSQL schema name must be a lower-case identifier (a–z, 0–9, _), at most 48 characters');
  return schema;
};

export const notifyChannel = (schema: string): string => `fagsign_events_${schema}`;

export const postgresSchemaSql = (s: string): string => `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.fagsign_schema_version (
  version    integer     PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ${s}.fagsign_events (
  global_position bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id  xid8    NOT NULL DEFAULT pg_current_xact_id(),
  stream_name     text    NOT NULL,
  stream_version  integer NOT NULL,
  event_id        uuid    NOT NULL,
  event_type      text    NOT NULL,
  schema_version  integer NOT NULL,
  data            jsonb   NOT NULL,
  correlation_id  text,
  causation_id    text,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT fagsign_events_stream_version UNIQUE (stream_name, stream_version),
  CONSTRAINT fagsign_events_event_id UNIQUE (event_id)
);

CREATE INDEX IF NOT EXISTS fagsign_events_log ON ${s}.fagsign_events (transaction_id, global_position);

CREATE TABLE IF NOT EXISTS ${s}.fagsign_projections (
  name       text        PRIMARY KEY,
  version    integer     NOT NULL,
  checkpoint text,
  state      jsonb       NOT NULL,
  saved_at   timestamptz NOT NULL DEFAULT now()
);

-- Version 2: processors' checkpoints, state and lease in one row (see processing/checkpoint-store.ts).
CREATE TABLE IF NOT EXISTS ${s}.fagsign_processors (
  name             text        PRIMARY KEY,
  checkpoint       text,
  state            jsonb       NOT NULL,
  holder           text,
  lease_expires_at bigint,
  saved_at         timestamptz NOT NULL DEFAULT now()
);

-- One round trip per append. Appends to one stream queue on the stream's advisory lock (see
-- above); appends to different streams run in parallel. Expected version: n >= 0 exact, -1 any,
-- -2 no stream, -3 stream exists. Outcomes: appended, conflict, already-stored, duplicate-id.
CREATE OR REPLACE FUNCTION ${s}.fagsign_append(
  p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_schema_versions integer[],
  p_data jsonb, p_correlation text, p_causation text)
RETURNS TABLE (outcome text, version integer, last_transaction text, last_position bigint, duplicate_id uuid)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_current integer;
  v_count   integer := coalesce(array_length(p_ids, 1), 0);
  v_stored  integer;
  v_here    integer;
  v_last    integer;
  v_foreign uuid;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('fagsign:${s}'), hashtext(p_stream));
  SELECT coalesce(max(e.stream_version), 0) INTO v_current FROM ${s}.fagsign_events e WHERE e.stream_name = p_stream;

  -- Idempotency first: a retried append whose events are all stored is a no-op, whatever it expected.
  IF v_count > 0 THEN
    SELECT count(*), count(*) FILTER (WHERE e.stream_name = p_stream), max(e.stream_version) FILTER (WHERE e.stream_name = p_stream),
           (array_agg(e.event_id) FILTER (WHERE e.stream_name <> p_stream))[1]
      INTO v_stored, v_here, v_last, v_foreign
      FROM ${s}.fagsign_events e WHERE e.event_id = ANY (p_ids);
    IF v_stored = v_count AND v_here = v_count THEN
      RETURN QUERY SELECT 'already-stored'::text, v_last, NULL::text, NULL::bigint, NULL::uuid;
      RETURN;
    ELSIF v_stored > 0 THEN
      RETURN QUERY SELECT 'duplicate-id'::text, v_current, NULL::text, NULL::bigint,
        coalesce(v_foreign, (SELECT e.event_id FROM ${s}.fagsign_events e WHERE e.event_id = ANY (p_ids) LIMIT 1));
      RETURN;
    END IF;
  END IF;

  IF NOT (p_expected = -1 OR (p_expected = -2 AND v_current = 0) OR (p_expected = -3 AND v_current > 0) OR p_expected = v_current) THEN
    RETURN QUERY SELECT 'conflict'::text, v_current, NULL::text, NULL::bigint, NULL::uuid;
    RETURN;
  END IF;
  IF v_count = 0 THEN
    RETURN QUERY SELECT 'appended'::text, v_current, NULL::text, NULL::bigint, NULL::uuid;
    RETURN;
  END IF;

  -- No NOTIFY here: a transaction that notifies takes a cluster-wide lock while it commits, which
  -- serialized all appends (8 writers fell to a fifth of their rate). The store announces after
  -- the commit instead (see postgres-listener.ts).
  RETURN QUERY
    WITH inserted AS (
      INSERT INTO ${s}.fagsign_events (stream_name, stream_version, event_id, event_type, schema_version, data, correlation_id, causation_id)
      SELECT p_stream, v_current + u.n::integer, u.id, u.event_type, u.schema_version, d.value, p_correlation, p_causation
        FROM unnest(p_ids, p_types, p_schema_versions) WITH ORDINALITY AS u(id, event_type, schema_version, n)
        JOIN jsonb_array_elements(p_data) WITH ORDINALITY AS d(value, n) ON d.n = u.n
       ORDER BY u.n
      RETURNING transaction_id, global_position)
    SELECT 'appended'::text, v_current + v_count, i.transaction_id::text, i.global_position, NULL::uuid
      FROM inserted i ORDER BY i.global_position DESC LIMIT 1;
END
$fn$;
`;
