// The floor of the projections bench's SQLite half (projections.bench.ts): the raw row read of
// sqlite-child.mjs (better-sqlite3 by hand, the store's SELECT of all columns, pages by position, raw
// arrays, JSON.parse of each row's data) with the hand-written fold (hand-fold.ts) applied to each
// parsed row, and nothing else: no decode, no read model, no processor. A rebuild does all of this
// and more, so this plain loop's ratio to the raw read is what a rebuild's can be measured against
// on the same machine and Node. Run by the bench under tsx (the fold is TypeScript);
// the clock starts after the imports, as in sqlite-child.mjs.
// Usage: node --import tsx sqlite-floor-child.ts <file> <page size>
// Prints one line of JSON: { rate, events, maxRssMb, statuses }.
import { createRequire } from 'node:module';
import type { ContractEvent } from '@fagsign/domain';
import { handFolder } from './hand-fold.js';

const [file, page] = process.argv.slice(2);
const pageSize = Number(page);

const started = process.hrtime.bigint();
// better-sqlite3 is the adapters' dependency, not this package's: loaded from there
interface Rows { raw(): Rows; all(after: number, limit: number): unknown[][] }
const Database = createRequire(import.meta.resolve('@fagsign/adapters'))('better-sqlite3') as new (file: string, options: { readonly: boolean }) => { prepare(sql: string): Rows; close(): void };
const db = new Database(file!, { readonly: true });
const read = db
  .prepare(
    'SELECT global_position, stream_name, stream_version, event_id, event_type, schema_version, data, correlation_id, causation_id, recorded_at FROM fagsign_events WHERE global_position > ? ORDER BY global_position LIMIT ?',
  )
  .raw();
const fold = handFolder();
let events = 0;
let after = 0;
for (;;) {
  const rows = read.all(after, pageSize);
  for (const row of rows) fold.add({ type: row[4], data: JSON.parse(row[6] as string) } as ContractEvent);
  events += rows.length;
  if (rows.length < pageSize) break;
  after = rows[rows.length - 1]![0] as number;
}
db.close();
const totals = fold.totals();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ rate: events / seconds, events, maxRssMb: process.resourceUsage().maxRSS / 1024, statuses: totals.statuses }));
