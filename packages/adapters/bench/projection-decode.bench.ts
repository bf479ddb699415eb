import { pathToFileURL } from 'node:url';
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
 * opened read-only; BENCH_DECODE_LIMIT reads only the first rows. BENCH_DECODE_COMPARE names another
 * checkout's packages/adapters/src/store/serializer.ts (its domain built), whose decodeForProjection
 * is then timed in the same rounds, turn about: the before-and-after of a change under equal load.
 */

const file = process.argv[2] ?? process.env.BENCH_DECODE_FILE ?? '/tmp/fagsign-projections-bench-1000000.sqlite';
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const limit = Number(process.env.BENCH_DECODE_LIMIT ?? Number.MAX_SAFE_INTEGER);
// Another checkout's serializer (its src/store/serializer.ts, with its own built domain), timed in
// the same rounds, turn about with this one's: an A/B under the same load from other work.
const comparePath = process.env.BENCH_DECODE_COMPARE;
type Decode = (stored: SerializedEvent) => { readonly _tag: 'Left' | 'Right' };
const compared: Decode | undefined =
  comparePath === undefined ? undefined : ((await import(pathToFileURL(comparePath).href)) as { decodeForProjection: Decode }).decodeForProjection;

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

const decodeAll = (decode: Decode, rows: readonly Row[]) => () => {
  for (const row of rows) if (decode(row.stored)._tag === 'Left') throw new Error(`${row.stored.type} refused`);
};

/** Medians of each pass over `rows`, in milliseconds; a refusal stops the benchmark (the file must read whole). */
const measure = (rows: readonly Row[]) => {
  const passes = {
    parse: () => {
      for (const row of rows) JSON.parse(row.json);
    },
    projection: decodeAll(decodeForProjection, rows),
    full: decodeAll(decodeEvent, rows),
    ...(compared === undefined ? {} : { compared: decodeAll(compared, rows) }),
  };
  const ms = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, pass] of Object.entries(passes)) ms.set(name, [...(ms.get(name) ?? []), timed(pass)]);
  }
  return new Map([...ms].map(([name, times]) => [name, median(times)]));
};

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const line = (label: string, rows: readonly Row[]): void => {
  const m = measure(rows);
  const projection = m.get('projection')!;
  const parse = m.get('parse')!;
  const us = (msTotal: number) => fmt((msTotal * 1000) / rows.length, 2);
  const other = m.get('compared');
  console.log(
    `  ${label.padEnd(22)} ${fmt(rows.length).padStart(9)} events   projection ${fmt(projection).padStart(5)} ms (${us(projection)} µs/event)` +
      (other === undefined ? '' : `   compared ${fmt(other).padStart(5)} ms (${us(other)} µs/event), ratio ${fmt(projection / other, 2)}`) +
      `   full decode ${fmt(m.get('full')!).padStart(5)} ms   JSON.parse ${fmt(parse).padStart(5)} ms   projection/JSON.parse ${fmt(projection / parse, 2)}`,
  );
};

console.log(`decodeForProjection over ${file}: medians of ${rounds} rounds, node ${process.version}`);
if (comparePath !== undefined) console.log(`compared with ${comparePath}, in the same rounds`);
for (const [label, rows] of groups) line(label, rows);
if (process.env.BENCH_DECODE_BY_TYPE !== undefined) {
  console.log('by event type:');
  for (const [type, rows] of [...byType].sort((a, b) => b[1].length - a[1].length)) line(type, rows);
}
