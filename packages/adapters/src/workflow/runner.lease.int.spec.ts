import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../store/sqlite/sqlite-event-store.js';
import { openPostgresEventStore } from '../store/postgres/postgres-event-store.js';
import { postgresSkipReason, postgresTestUrl } from '../store/postgres/postgres-fixture.js';
import { runId } from '../store/contract/context.js';
import { countBy, twoRunnersFortnight } from './runner.lease.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-lease-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expectNoDuplicates = (outcome: Awaited<ReturnType<typeof twoRunnersFortnight>>, contracts: number) => {
  const jobs = countBy(outcome.createJobCalls);
  expect(jobs.size).toBe(contracts);
  expect([...jobs.values()].filter((n) => n > 1)).toEqual([]);
  const reminders = countBy(outcome.reminderCalls);
  expect(reminders.size).toBeGreaterThan(0);
  expect([...reminders.entries()].filter(([, n]) => n > 1)).toEqual([]);
  expect(outcome.archived).toBe(contracts);
  // The first holder stopped half-way; the standby took over and finished the work.
  expect(outcome.statuses.filter((s) => s.lease.held)).toHaveLength(1);
};

describe('two runners on one store: one holder at a time', () => {
  it('on one SQLite file, with one simulated service, over a fortnight: 0 duplicate createJob calls, 0 duplicate reminders', async () => {
    const path = join(dir, 'two-runners.db');
    const outcome = await twoRunnersFortnight(() => openSqliteEventStore(path), 30);
    expectNoDuplicates(outcome, 30);
  });
});

const skipReason = postgresSkipReason();
if (skipReason !== undefined) console.warn(`PostgreSQL two-runner test SKIPPED: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('two runners on one PostgreSQL database', () => {
  const schema = `t_${runId()}two`;
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: postgresTestUrl()! });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('with one simulated service, over a fortnight: 0 duplicate createJob calls, 0 duplicate reminders', async () => {
    const outcome = await twoRunnersFortnight(() => openPostgresEventStore(postgresTestUrl()!, { schema, poolSize: 4 }), 30);
    expectNoDuplicates(outcome, 30);
  });
});
