// One run of the projections bench's SQLite half (projections.bench.ts), in plain Node on the built
// packages (`pnpm build`), as a county runs them: its peak RSS is the run's own, not a TypeScript
// loader's, and its speed is the shipped code's.
// Usage: node sqlite-child.mjs <file> <rebuild|rebuild-full|raw> <page size>
//   rebuild:      catchUpProjection, the store's pages in the projection view (no personal value decoded), then the statistics report
//   rebuild-full: the same, every event in the full view (every personal value decoded): what a rebuild cost before the view
//   raw:          the baseline: better-sqlite3 reading the same rows by hand (the store's SELECT of all columns, pages of
//                 <page size> by position, raw arrays) with JSON.parse of each row's data and nothing else
// Prints one line of JSON: { rate, events, maxRssMb, statuses } (statuses: the report's contracts by status, rebuilds only,
// for the bench to hold against the floor's hand-written fold).
import { catchUpProjection, openSqliteEventStore } from '@fagsign/adapters';
import { contractsProjection, statistics } from '@fagsign/projections';
import { rawRead } from './raw-read.mjs';

const [file, mode, page] = process.argv.slice(2);
const pageSize = Number(page);

/** The baseline: the raw read, keeping the last parsed data so that the parse cannot be left out. */
const rawBaseline = () => {
  let parsed;
  const events = rawRead(file, pageSize, (_type, data) => (parsed = data));
  return parsed === undefined ? 0 : events;
};

const rebuild = async (view) => {
  const opened = await openSqliteEventStore(file);
  // catchUpProjection asks for the projection view itself; the full view is forced here
  const store = view === 'projection' ? opened : { ...opened, readAllPages: (options) => opened.readAllPages({ ...options, view }) };
  const result = await catchUpProjection(store, contractsProjection, { save: false, fromScratch: true, batchSize: pageSize });
  const c = statistics(result.state).totals.contracts;
  await opened.close();
  return { events: result.applied, statuses: [c.awaitingReview, c.inSigning, c.needsNewOrder, c.signedElectronically, c.signedManually, c.withdrawn] };
};

const started = process.hrtime.bigint();
const { events, statuses } = mode === 'raw' ? { events: rawBaseline(), statuses: undefined } : await rebuild(mode === 'rebuild-full' ? 'full' : 'projection');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ rate: events / seconds, events, maxRssMb: process.resourceUsage().maxRSS / 1024, statuses }));
