import { newEventId } from '../src/store/event-id.js';
import pg from 'pg';
import { openPostgresEventStore } from '../src/store/postgres/postgres-event-store.js';
import { batchStream, history, median, onWorkers, rate, rounds, serialized, singleEvent, singleStream, streamCount, type StoreReport } from './workload.js';
import type { ContractEvent } from '@fagsign/domain';

/*
 * PostgreSQL: the store with 8 concurrent writers against raw pg with 8 connections doing one
 * multi-row INSERT per append (autocommit) into a table with the same columns and constraints;
 * read back in pages with JSON parsing only. Each round uses fresh schemas, dropped afterwards.
 */
export const postgresBenchUrl = (): string | undefined => process.env.FAGSIGN_BENCH_POSTGRES_URL || process.env.FAGSIGN_TEST_POSTGRES_URL || undefined;
const writers = 8;
// 10-event batches over fewer streams by default: a million PostgreSQL commits would take minutes per round.
const batchStreams = Number(process.env.BENCH_PG_BATCH_STREAMS ?? Math.min(streamCount, 20_000));

const rawTable = (s: string) => `
  CREATE SCHEMA ${s};
  CREATE TABLE ${s}.events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_name text NOT NULL, stream_version integer NOT NULL,
    event_id uuid NOT NULL UNIQUE, event_type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_name, stream_version));`;

const rawInsert = (pool: pg.Pool, s: string, streamName: string, events: readonly ContractEvent[]) => {
  const values: unknown[] = [];
  const rows = events.map((event, i) => {
    const stored = serialized(event);
    values.push(streamName, i + 1, newEventId(), stored.type, stored.schemaVersion, stored.json);
    const p = i * 6;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}::jsonb)`;
  });
  return pool.query(`INSERT INTO ${s}.events (stream_name, stream_version, event_id, event_type, schema_version, data) VALUES ${rows.join(', ')}`, values);
};

export const benchPostgres = async (): Promise<StoreReport> => {
  const url = postgresBenchUrl()!;
  const admin = new pg.Pool({ connectionString: url, max: writers });
  const figures = { single: [] as number[], singleBase: [] as number[], batched: [] as number[], batchedBase: [] as number[], read: [] as number[], readBase: [] as number[] };
  const readEvents = streamCount + batchStreams * 10;
  for (let round = 0; round < rounds; round++) {
    const schema = `bench_${process.pid}_${round}`;
    const raw = `${schema}_raw`;
    await admin.query(rawTable(raw));
    const store = await openPostgresEventStore(url, { schema, poolSize: writers });
    try {
      figures.single.push(await rate(streamCount, () =>
        onWorkers(writers, streamCount, (i) => store.appendToStream(singleStream(round, i), [{ event: singleEvent(i) }], { expectedVersion: 'no-stream' })),
      ));
      figures.singleBase.push(await rate(streamCount, () => onWorkers(writers, streamCount, (i) => rawInsert(admin, raw, singleStream(round, i), [singleEvent(i)]))));
      figures.batched.push(await rate(batchStreams * 10, () =>
        onWorkers(writers, batchStreams, (i) => store.appendToStream(batchStream(round, i), history(i).map((event) => ({ event })), { expectedVersion: 'no-stream' })),
      ));
      figures.batchedBase.push(await rate(batchStreams * 10, () => onWorkers(writers, batchStreams, (i) => rawInsert(admin, raw, batchStream(round, i), history(i)))));
      await admin.query(`VACUUM ANALYZE ${schema}.fagsign_events`);
      await admin.query(`VACUUM ANALYZE ${raw}.events`);
      figures.read.push(await rate(readEvents, async () => {
        let n = 0;
        for await (const _ of store.readAll()) n++;
        if (n !== readEvents) throw new Error(`read ${n} events, expected ${readEvents}`);
      }));
      figures.readBase.push(await rate(readEvents, async () => {
        let after = '0';
        let n = 0;
        for (;;) {
          const { rows } = await admin.query({
            text: `SELECT r.global_position::text, r.stream_name, r.stream_version, r.event_id::text, r.event_type, r.schema_version, r.data FROM ${raw}.events r WHERE r.global_position > $1 ORDER BY r.global_position LIMIT 1000`,
            values: [after],
            rowMode: 'array',
          });
          if (rows.length === 0) break;
          n += rows.length;
          after = (rows[rows.length - 1] as string[])[0]!;
        }
        if (n !== readEvents) throw new Error(`baseline read ${n} events, expected ${readEvents}`);
      }));
    } finally {
      await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA ${raw} CASCADE;`);
    }
  }
  await admin.end();
  return {
    store: 'postgres',
    notes: [
      `${writers} concurrent writers; 10-event batches over ${batchStreams.toLocaleString('en-US')} streams (BENCH_PG_BATCH_STREAMS), after ${streamCount.toLocaleString('en-US')} single-event streams`,
      'baseline: raw pg, 8 connections, one multi-row INSERT per append (autocommit), same columns, constraints and ids (UUIDv7), no checks; read baseline: pages of 1000 by position, jsonb parsed by pg, no decoding',
    ],
    single: { store: median(figures.single), baseline: median(figures.singleBase), events: streamCount },
    batched: { store: median(figures.batched), baseline: median(figures.batchedBase), events: batchStreams * 10 },
    read: { store: median(figures.read), baseline: median(figures.readBase), events: readEvents },
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
};
