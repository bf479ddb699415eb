import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidAppend, StoreUnavailable } from '../errors.js';
import { runId } from '../contract/context.js';
import { archived, sampleContractId, vigoUpdated } from '../contract/sample-history.js';
import { migratePostgres } from './postgres-migrate.js';
import { postgresSchemaVersion } from './postgres-schema.js';
import { openPostgresEventStore } from './postgres-event-store.js';
import { postgresSkipReason, postgresTestUrl } from './postgres-fixture.js';

const skipReason = postgresSkipReason();
if (skipReason !== undefined) console.warn(`PostgreSQL store specifics SKIPPED: ${skipReason}`);
const stream = `contract-${sampleContractId(1)}`;

describe.skipIf(skipReason !== undefined)('PostgreSQL store: migration, cross-process wake-up, data PostgreSQL refuses', () => {
  const run = runId();
  const schemas: string[] = [];
  const schema = (tag: string): string => {
    schemas.push(`t_${run}${tag}`);
    return `t_${run}${tag}`;
  };
  const url = (): string => {
    const found = postgresTestUrl();
    if (found === undefined) throw new Error('FAGSIGN_REQUIRE_POSTGRES=1 but FAGSIGN_TEST_POSTGRES_URL is not set');
    return found;
  };
  afterAll(async () => {
    if (postgresTestUrl() === undefined) return;
    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
  });

  it('migrates idempotently, also when several processes start at once, and opens without migrating when told', async () => {
    const s = schema('m');
    await Promise.all([migratePostgres(url(), { schema: s }), migratePostgres(url(), { schema: s }), migratePostgres(url(), { schema: s })]);
    await migratePostgres(url(), { schema: s });
    const store = await openPostgresEventStore(url(), { schema: s, migrate: false });
    await store.appendToStream(stream, [{ event: vigoUpdated(sampleContractId(1)) }]);
    expect((await store.readStream(stream)).currentVersion).toBe(1);
    await store.close();
    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    const { rows } = await admin.query(`SELECT version FROM ${s}.fagsign_schema_version`);
    await admin.end();
    expect(rows).toEqual([{ version: postgresSchemaVersion }]);
  });

  it('wakes a subscription in another process by NOTIFY, long before its poll', async () => {
    const s = schema('n');
    const reader = await openPostgresEventStore(url(), { schema: s, pollIntervalMs: 30_000 });
    const writer = await openPostgresEventStore(url(), { schema: s });
    const subscription = reader.subscribe();
    const next = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the reader is listening and waiting
    const started = Date.now();
    await writer.appendToStream(stream, [{ event: vigoUpdated(sampleContractId(1)) }]);
    expect((await next).value).toMatchObject({ streamName: stream, streamVersion: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    await subscription.close();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('refuses text PostgreSQL cannot hold as InvalidAppend, and answers StoreUnavailable once closed', async () => {
    const store = await openPostgresEventStore(url(), { schema: schema('d') });
    await expect(store.appendToStream(stream, [{ event: archived(sampleContractId(1), 'nul \u0000 tegn') }])).rejects.toBeInstanceOf(InvalidAppend);
    expect((await store.readStream(stream)).currentVersion).toBe(0);
    await store.close();
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(StoreUnavailable);
  });
});
