import Database from 'better-sqlite3';
import { decodeEvent, type SerializedEvent } from '@fagsign/domain';
import { pathsOf } from '../src/privacy/personal-fields.js';
import { decodeForProjection } from '../src/store/serializer.js';
import { median } from './workload.js';

/*
 * The projection view's decode alone (`decodeForProjection`, issue 16), over the rows of an SQLite
 * event log such as the projections benchmark writes: each row's data is JSON.parsed once up front,
 * then every round times, per group of event types,
 * - the baseline: JSON.parse of the same rows' text (the work every read does before decoding);
 * - decodeForProjection over the parsed rows (what a projection rebuild pays per event);
 * - decodeEvent, the full decode the decider reads with, for comparison.
 * Two groups: the event types that carry personal data (their personal values are classified) and
 * all the others (read as they lie when the domain's guard accepts them). Medians of the rounds.
 *
 * Run from packages/adapters: `npx tsx bench/projection-decode.bench.ts [file]`. The adapters code is
 * its sources; `@fagsign/domain` resolves to its built dist, so build the domain first. The file is
 * opened read-only; BENCH_DECODE_LIMIT reads only the first rows.
 */

const file = process.argv[2] ?? process.env.BENCH_DECODE_FILE ?? '/tmp/fagsign-projections-bench-1000000.sqlite';
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const limit = Number(process.env.BENCH_DECODE_LIMIT ?? Number.MAX_SAFE_INTEGER);

interface Row {
  readonly json: string;
  readonly stored: SerializedEvent;
}

const db = new Database(file, { readonly: true, fileMustExist: true });
const groups = new Map<string, Row[]>([
  ['personal data', []],
  ['other types', []],
]);
const byType = new Map<string, Row[]>();
for (const r of db.prepare('SELECT event_type, schema_version, data FROM fagsign_events ORDER BY global_position LIMIT ?').iterate(limit) as Iterable<{
  event_type: string;
  schema_version: number;
  data: string;
}>) {
  const row: Row = { json: r.data, stored: { type: r.event_type, schemaVersion: r.schema_version, data: JSON.parse(r.data) } };
  groups.get(pathsOf(r.event_type) === undefined ? 'other types' : 'personal data')!.push(row);
  const ofType = byType.get(r.event_type) ?? [];
  ofType.push(row);
  byType.set(r.event_type, ofType);
}
db.close();

const timed = (body: () => void): number => {
  const started = process.hrtime.bigint();
  body();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/** Milliseconds of each pass over `rows`; a refusal stops the benchmark (the file must read whole). */
const passes = (rows: readonly Row[]) => ({
  parse: () => {
    for (const row of rows) JSON.parse(row.json);
  },
  projection: () => {
    for (const row of rows) if (decodeForProjection(row.stored)._tag === 'Left') throw new Error(`${row.stored.type} refused`);
  },
  full: () => {
    for (const row of rows) if (decodeEvent(row.stored)._tag === 'Left') throw new Error(`${row.stored.type} refused`);
  },
});

const measure = (rows: readonly Row[]) => {
  const run = passes(rows);
  const ms = { parse: [] as number[], projection: [] as number[], full: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    ms.parse.push(timed(run.parse));
    ms.projection.push(timed(run.projection));
    ms.full.push(timed(run.full));
  }
  return { parse: median(ms.parse), projection: median(ms.projection), full: median(ms.full) };
};

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const line = (label: string, rows: readonly Row[]): void => {
  const m = measure(rows);
  const us = (msTotal: number) => fmt((msTotal * 1000) / rows.length, 2);
  console.log(
    `  ${label.padEnd(30)} ${fmt(rows.length).padStart(9)} events   projection ${fmt(m.projection).padStart(5)} ms (${us(m.projection)} µs/event)` +
      `   full decode ${fmt(m.full).padStart(5)} ms   JSON.parse ${fmt(m.parse).padStart(5)} ms   projection/JSON.parse ${fmt(m.projection / m.parse, 2)}`,
  );
};

console.log(`decodeForProjection over ${file}: medians of ${rounds} rounds, node ${process.version}`);
for (const [label, rows] of groups) line(label, rows);
if (process.env.BENCH_DECODE_BY_TYPE !== undefined) {
  console.log('by event type:');
  for (const [type, rows] of [...byType].sort((a, b) => b[1].length - a[1].length)) line(type, rows);
}
