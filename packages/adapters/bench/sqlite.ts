import { newEventId } from '../src/store/event-id.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '../src/store/sqlite/sqlite-event-store.js';
import { sqlitePragmas, sqliteSchema } from '../src/store/sqlite/sqlite-schema.js';
import { batchStream, history, median, rate, rounds, serialized, singleEvent, singleStream, streamCount, type StoreReport } from './workload.js';
import type { ContractEvent } from '@fagsign/domain';

/*
 * SQLite: the store against raw better-sqlite3 on the same schema and pragmas, inserting the same
 * JSON, one transaction per append, with none of the store's checks; read back with JSON.parse only.
 */
const baselineStore = (path: string) => {
  const db = new Database(path);
  for (const pragma of sqlitePragmas('normal')) db.pragma(pragma);
  db.exec(sqliteSchema);
  const insert = db.prepare(
    'INSERT INTO fagsign_events (stream_name, stream_version, event_id, event_type, schema_version, data, correlation_id, causation_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?)',
  );
  const append = db.transaction((streamName: string, events: readonly ContractEvent[]) => {
    const recordedAt = new Date().toISOString();
    events.forEach((event, i) => {
      const stored = serialized(event);
      insert.run(streamName, i + 1, newEventId(), stored.type, stored.schemaVersion, stored.json, recordedAt);
    });
  });
  const read = db.prepare('SELECT global_position, stream_name, stream_version, event_id, event_type, schema_version, data FROM fagsign_events ORDER BY global_position').raw();
  return { append: (s: string, e: readonly ContractEvent[]) => append.immediate(s, e), read: () => read.iterate() as Iterable<unknown[]>, close: () => db.close() };
};

export const benchSqlite = async (): Promise<StoreReport> => {
  const dir = mkdtempSync(join(tmpdir(), 'fagsign-bench-'));
  const figures = { single: [] as number[], singleBase: [] as number[], batched: [] as number[], batchedBase: [] as number[], read: [] as number[], readBase: [] as number[], full: [] as number[] };
  const readEvents = streamCount * 11;
  try {
    for (let round = 0; round < rounds; round++) {
      const store = await openSqliteEventStore(join(dir, `store-${round}.db`));
      const base = baselineStore(join(dir, `raw-${round}.db`));
      figures.single.push(await rate(streamCount, async () => {
        for (let i = 0; i < streamCount; i++) await store.appendToStream(singleStream(round, i), [{ event: singleEvent(i) }], { expectedVersion: 'no-stream' });
      }));
      figures.singleBase.push(await rate(streamCount, () => {
        for (let i = 0; i < streamCount; i++) base.append(singleStream(round, i), [singleEvent(i)]);
      }));
      figures.batched.push(await rate(streamCount * 10, async () => {
        for (let i = 0; i < streamCount; i++) await store.appendToStream(batchStream(round, i), history(i).map((event) => ({ event })), { expectedVersion: 'no-stream' });
      }));
      figures.batchedBase.push(await rate(streamCount * 10, () => {
        for (let i = 0; i < streamCount; i++) base.append(batchStream(round, i), history(i));
      }));
      figures.read.push(await rate(readEvents, async () => {
        let n = 0;
        for await (const _ of store.readAll()) n++;
        if (n !== readEvents) throw new Error(`read ${n} events, expected ${readEvents}`);
      }));
      figures.readBase.push(await rate(readEvents, () => {
        let n = 0;
        for (const row of base.read()) n += JSON.parse(row[6] as string) === null ? 0 : 1;
        return n;
      }));
      await store.close();
      base.close();
      // For the record: batched appends with durability 'full' (an fsync per commit), a tenth of the volume.
      const full = await openSqliteEventStore(join(dir, `full-${round}.db`), { durability: 'full' });
      const fullStreams = Math.ceil(streamCount / 10);
      figures.full.push(await rate(fullStreams * 10, async () => {
        for (let i = 0; i < fullStreams; i++) await full.appendToStream(batchStream(round, i), history(i).map((event) => ({ event })), { expectedVersion: 'no-stream' });
      }));
      await full.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    store: 'sqlite',
    notes: [
      'baseline: raw better-sqlite3 INSERTs of the same JSON and ids (UUIDv7), same schema and pragmas (WAL, synchronous=NORMAL), one transaction per append, no checks; read baseline: SELECT + JSON.parse (no decoding)',
      `batched append with durability 'full' (fsync per commit): ${Math.round(median(figures.full)).toLocaleString('en-US')} events/s`,
    ],
    single: { store: median(figures.single), baseline: median(figures.singleBase), events: streamCount },
    batched: { store: median(figures.batched), baseline: median(figures.batchedBase), events: streamCount * 10 },
    read: { store: median(figures.read), baseline: median(figures.readBase), events: readEvents },
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
};
