import { randomUUID } from 'node:crypto';
import { encodeEvent } from '@fagsign/domain';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventStore, RecordedEvent } from '../event-store.js';
import { runId, take } from '../contract/context.js';
import { sampleContractId, vigoUpdated } from '../contract/sample-history.js';
import { postgresFixture, postgresSkipReason } from './postgres-fixture.js';

/*
 * Many writers at once, some of whose transactions commit late: a reader following the global log
 * must see every event exactly once, never skip the late ones, and never see an append before one
 * that had committed before it began.
 */

const writers = 8;
const appendsPerWriter = 40;
const streams = 16;
const slowTransactions = 6;

interface Append {
  readonly ids: string[];
  readonly issued: number;
  resolved: number;
}

const skipReason = postgresSkipReason();
if (skipReason !== undefined) console.warn(`PostgreSQL concurrency SKIPPED: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('PostgreSQL: 8 writers and late commits, one reader following the global log', () => {
  let fixture: Awaited<ReturnType<typeof postgresFixture>> | undefined;
  let store: EventStore | undefined;
  afterAll(async () => {
    await store?.close();
    await fixture?.dispose?.();
  });

  it('the reader sees every event exactly once, late commits included, in an order that respects commit order', async () => {
    fixture = await postgresFixture();
    const scope = `${runId()}pc`;
    store = await fixture.open(scope);
    const schema = fixture.schemaOf(scope);
    let clock = 0;
    const appends: Append[] = [];
    const event = (s: number) => vigoUpdated(sampleContractId(s, 'PC'));
    const total = writers * appendsPerWriter * 2 + slowTransactions;

    const subscription = store.subscribe({ pollIntervalMs: 50, batchSize: 64 });
    const received = take(subscription[Symbol.asyncIterator](), total, 60_000);

    const writer = async (w: number): Promise<void> => {
      for (let i = 0; i < appendsPerWriter; i++) {
        const s = (w * 7 + i) % streams;
        const append: Append = { ids: [randomUUID(), randomUUID()], issued: clock++, resolved: -1 };
        await store!.appendToStream(`contract-${sampleContractId(s, 'PC')}`, append.ids.map((eventId) => ({ event: event(s), eventId })));
        append.resolved = clock++;
        appends.push(append);
      }
    };

    // A transaction that takes its position early and commits 300 ms later, while others commit after it.
    const lateCommits: { id: string; position: bigint; committedAt: number }[] = [];
    const slowWriter = async (n: number): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 40 * n));
      const client = new pg.Client({ connectionString: fixture!.url });
      await client.connect();
      const id = randomUUID();
      const append: Append = { ids: [id], issued: clock++, resolved: -1 };
      const stored = encodeEvent(event(streams + n));
      await client.query('BEGIN');
      const { rows } = await client.query(`SELECT last_position::text AS position FROM ${schema}.fagsign_append($1, -1, $2::uuid[], $3, $4, $5::jsonb, NULL, NULL)`, [
        `contract-${sampleContractId(streams + n, 'PC')}`,
        [id],
        [stored.type],
        [stored.schemaVersion],
        JSON.stringify([stored.data]),
      ]);
      await client.query('SELECT pg_sleep(0.3)');
      await client.query('COMMIT');
      append.resolved = clock++;
      appends.push(append);
      lateCommits.push({ id, position: BigInt(rows[0].position), committedAt: append.resolved });
      await client.end();
    };

    await Promise.all([...Array.from({ length: writers }, (_, w) => writer(w)), ...Array.from({ length: slowTransactions }, (_, n) => slowWriter(n))]);
    const seen: RecordedEvent[] = await received;
    await subscription.close();

    // exactly once, nothing missing
    const ids = seen.map((e) => e.metadata.eventId);
    expect(new Set(ids).size).toBe(total);
    expect(new Set(ids)).toEqual(new Set(appends.flatMap((a) => a.ids)));

    // the late commits really were late: events at higher positions had committed before them
    const positionOf = (e: RecordedEvent): bigint => BigInt(e.checkpoint.split(':')[1]!);
    const resolvedAt = new Map(appends.flatMap((a) => a.ids.map((id) => [id, a.resolved] as const)));
    const overtaken = lateCommits.filter((late) => seen.some((e) => positionOf(e) > late.position && resolvedAt.get(e.metadata.eventId)! < late.committedAt));
    expect(overtaken.length).toBeGreaterThan(0);

    // each stream in version order
    const lastVersion = new Map<string, number>();
    for (const e of seen) {
      expect(e.streamVersion).toBe((lastVersion.get(e.streamName) ?? 0) + 1);
      lastVersion.set(e.streamName, e.streamVersion);
    }

    // an append that committed before another began is read before it
    const index = new Map(ids.map((id, i) => [id, i]));
    const span = appends.map((a) => ({ ...a, first: Math.min(...a.ids.map((id) => index.get(id)!)), last: Math.max(...a.ids.map((id) => index.get(id)!)) }));
    for (const a of span) {
      expect(a.last - a.first).toBe(a.ids.length - 1); // a batch is read together
      for (const b of span) if (a.resolved < b.issued) expect(a.last).toBeLessThan(b.first);
    }

    // and a fresh read of the log gives the same order
    const again: string[] = [];
    for await (const e of store.readAll()) again.push(e.metadata.eventId);
    expect(again).toEqual(ids);
  });
});
