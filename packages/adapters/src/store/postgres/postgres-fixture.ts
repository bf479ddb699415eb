import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventStoreFixture } from '../contract/context.js';
import { openPostgresEventStore } from './postgres-event-store.js';

/*
 * Test support for PostgreSQL. The suites connect to FAGSIGN_TEST_POSTGRES_URL; without it they are
 * skipped with a printed reason, unless FAGSIGN_REQUIRE_POSTGRES=1 (set by CI), where a missing or
 * unreachable database fails every test instead. Each store gets its own schema, dropped afterwards.
 */

export const postgresTestUrl = (): string | undefined => process.env.FAGSIGN_TEST_POSTGRES_URL || undefined;
const required = (): boolean => process.env.FAGSIGN_REQUIRE_POSTGRES === '1';

export const postgresSkipReason = (): string | undefined =>
  postgresTestUrl() === undefined && !required()
    ? 'FAGSIGN_TEST_POSTGRES_URL is not set (set it to a PostgreSQL 15 database to run these tests; CI sets FAGSIGN_REQUIRE_POSTGRES=1, which turns this skip into a failure)'
    : undefined;

const requireUrl = (): string => {
  const url = postgresTestUrl();
  if (url === undefined) throw new Error('FAGSIGN_REQUIRE_POSTGRES=1 but FAGSIGN_TEST_POSTGRES_URL is not set: the PostgreSQL suite must run here');
  return url;
};

/** A pg client for the test's own SQL (raw rows, dropping schemas). */
const adminClient = async (url: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at FAGSIGN_TEST_POSTGRES_URL is unreachable${required() ? ' and FAGSIGN_REQUIRE_POSTGRES=1' : ''}: ${(error as Error).message}`);
  }
  return client;
};

export const postgresFixture = async (): Promise<EventStoreFixture & { url: string; schemaOf(scope: string): string }> => {
  const url = requireUrl();
  const admin = await adminClient(url);
  const schemas = new WeakMap<object, string>();
  const created: string[] = [];
  const schemaOf = (scope: string): string => `t_${scope.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  return {
    url,
    schemaOf,
    async open(scope) {
      const schema = schemaOf(scope);
      const store = await openPostgresEventStore(url, { schema, pollIntervalMs: 100 });
      schemas.set(store, schema);
      created.push(schema);
      return store;
    },
    async writeRaw(store, streamName, raw) {
      const s = schemas.get(store)!;
      await admin.query(
        `INSERT INTO ${s}.fagsign_events (stream_name, stream_version, event_id, event_type, schema_version, data)
         SELECT $1, coalesce(max(stream_version), 0) + 1, $2, $3, $4, $5::jsonb FROM ${s}.fagsign_events WHERE stream_name = $1`,
        [streamName, randomUUID(), raw.eventType, raw.schemaVersion, raw.json],
      );
    },
    async dispose() {
      for (const schema of new Set(created)) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
};
