import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store.js';
import { runId } from '../contract/context.js';
import { archived, sampleContractId } from '../contract/sample-history.js';
import { openPostgresEventStore } from './postgres-event-store.js';
import { postgresSkipReason, postgresTestUrl } from './postgres-fixture.js';

/*
 * The connection of a live subscription is killed while it reads (pg_terminate_backend on the
 * backend running its query): the subscription resumes by itself from its checkpoint, and every
 * event arrives exactly once, in order. To hit the query in flight every time, the test locks the
 * events table, waits until the subscription's read is blocked on that lock, and kills that backend.
 */

const skipReason = postgresSkipReason();
if (skipReason !== undefined) console.warn(`PostgreSQL resubscribe test SKIPPED: ${skipReason}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skipReason !== undefined)('PostgreSQL: a subscription whose backend is killed', () => {
  const schema = `t_${runId()}resub`;
  const admin = new pg.Client({ connectionString: postgresTestUrl() ?? '' });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  });

  it('resumes by itself: 0 events skipped, 0 duplicated', async () => {
    await admin.connect();
    const url = postgresTestUrl()!;
    const reader = await openPostgresEventStore(url, { schema, pollIntervalMs: 50 });
    const writer = await openPostgresEventStore(url, { schema });
    const contractId = sampleContractId(1, 'RESUB');
    const appended: string[] = [];
    const append = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const eventId = randomUUID();
        await writer.appendToStream(`contract-${contractId}`, [{ event: archived(contractId, `note ${appended.length}`), eventId }]);
        appended.push(eventId);
      }
    };
    const received: RecordedEvent[] = [];
    const subscription = reader.subscribe({ batchSize: 7 });
    let failure: unknown;
    const consuming = (async () => {
      try {
        for await (const recorded of subscription) received.push(recorded);
      } catch (error) {
        failure = error;
      }
    })();
    const until = async (condition: () => boolean, what: string) => {
      for (let i = 0; i < 600 && !condition(); i++) await sleep(50);
      if (!condition()) throw new Error(`timed out waiting for ${what}; subscription failure: ${String(failure)}`);
    };

    await append(20);
    await until(() => received.length === 20, 'the first 20 events');

    await admin.query('BEGIN');
    await admin.query(`LOCK TABLE ${schema}.fagsign_events IN ACCESS EXCLUSIVE MODE`);
    let killed = 0;
    for (let i = 0; i < 200 && killed === 0; i++) {
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%pg_snapshot_xmin%'`,
      );
      killed = rows.length;
      if (killed === 0) await sleep(50);
    }
    await admin.query('COMMIT');
    expect(killed).toBe(1);

    await append(20);
    await until(() => received.length >= 40, 'the next 20 events after the kill');
    await sleep(300); // anything delivered twice would arrive now
    expect(failure).toBeUndefined();
    expect(received.map((r) => r.metadata.eventId)).toEqual(appended);
    await subscription.close();
    await consuming;
    await reader.close();
    await writer.close();
  });
});
