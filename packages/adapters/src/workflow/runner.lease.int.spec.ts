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

describe('a holder between runs', () => {
  it('keeps its lease alive while it waits for its next run, so a standby does not take over from a live holder', async () => {
    const { getInMemoryEventStore } = await import('../store/memory/memory-event-store.js');
    const { createSimulatedProvider } = await import('../provider/simulated/simulated-provider.js');
    const { createWorkflowRunner } = await import('./runner.js');
    const { simulatedArchive, simulatedNotifier, simulatedVigo } = await import('./simulated-ports.js');
    const store = getInMemoryEventStore();
    const now = () => new Date().toISOString() as never;
    const runnerAs = (holder: string) =>
      createWorkflowRunner({
        store,
        provider: createSimulatedProvider({ seed: 1, now }),
        notifier: simulatedNotifier({ now }),
        archive: simulatedArchive(),
        vigo: simulatedVigo(),
        lease: { holder, ttlMs: 300 },
      });
    const holder = runnerAs('host-a/1');
    const standby = runnerAs('host-b/2');
    // runs a minute apart, with a lease of 0.3 s: without renewals between runs it would lapse after 0.3 s
    const running = holder.start({ intervalMs: 60_000 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(holder.status().lease.held).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 900));
      await standby.runOnce((await import('luxon')).DateTime.now());
      expect(standby.status().lease).toMatchObject({ held: false, holder: 'host-a/1' });
      expect(holder.status().lease.held).toBe(true);
    } finally {
      await running.stop();
    }
    // stopped: the lease is given up, and the standby takes it at its next try
    await standby.runOnce((await import('luxon')).DateTime.now());
    expect(standby.status().lease).toMatchObject({ held: true, holder: 'host-b/2' });
  });
});
