/*
 * Projections benchmark (`pnpm bench` in packages/projections): the statistics rebuild over a
 * realistic log of BENCH_EVENTS (default 1 000 000) events.
 *
 * 1. From memory, decoded: the contracts projection folded over the events plus the statistics
 *    report, beside a plain hand-written fold of the same figures, measured in the same run
 *    (these machines are noisy; the ratio is what carries over). Targets: ≥ 2 000 000 events/s and
 *    ≥ ¼ of the hand-written fold.
 * 2. From an SQLite file, through catchUpProjection and the store's pages in the projection view,
 *    each run in a child process in plain Node on the built packages (sqlite-child.mjs), so that its
 *    peak RSS is the rebuild's own, beside better-sqlite3 reading the same rows by hand in its own
 *    child, taking turns. Targets: under 3 s, at least 0.8 × the raw read, peak RSS under 250 MB. The file is written once to the temp directory and reused.
 *    Beside them, the floor (sqlite-floor-child.ts): the raw read with the hand-written fold on each
 *    parsed row and nothing else, so the bench shows what a plain loop reaches on this machine.
 *    BENCH_SKIP_MEMORY=1 runs this half alone.
 *
 * 3. From the memory store through catchUpProjection (bench/memory-rebuild.ts), beside the same
 *    projection over a plain array and the hand-written fold; with the default saves; the cost of
 *    one save; and events/s at a tenth, three tenths and all of the log (the cost grows linearly).
 *    Targets: ≥ 0.25 × the hand-written fold, ≥ 0.8 × the array, largest to smallest 0.8–1.25.
 *
 * The log's contacts are a county's (BENCH_CONTACTS=distinct, the default: each contract its own
 * mobile number and addresses, each judged by the numbering plan once) or the template's
 * (BENCH_CONTACTS=shared: every contract the same contacts, as the figures before 2026-12 were taken).
 *
 * Every figure is the median of BENCH_ROUNDS (default 5) rounds after a warm-up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContractEvent } from '@fagsign/domain';
import { contractsProjection } from '../src/contracts/projection.js';
import { statistics } from '../src/reports/statistics.js';
import { handFold } from './hand-fold.js';
import { appendByContract, fmt, median, memoryRebuildBench, memoryStoreOf, scalingBench, seconds } from './memory-rebuild.js';
import { benchLog, type BenchContacts } from './lifecycles.js';

const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
/** `distinct` (a county's log: each contract its own mobile number and addresses) or `shared` (the template's, as before 2026-12). */
const contacts: BenchContacts = process.env.BENCH_CONTACTS === 'shared' ? 'shared' : 'distinct';

const sqliteFile = join(tmpdir(), `fagsign-projections-bench-${events}-${contacts}.sqlite`);

/** The SQLite store, from the adapters' public entry point (built: `pnpm build`). */
const openSqliteEventStore = async (path: string) => {
  const adapters = await import('@fagsign/adapters').catch((error: unknown) => {
    throw new Error(`The SQLite half needs @fagsign/adapters built (run pnpm build): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  });
  return adapters.openSqliteEventStore(path);
};

const foldAndReport = (log: readonly ContractEvent[]) => {
  const state = contractsProjection.initialState();
  const apply = contractsProjection.apply;
  for (let i = 0; i < log.length; i++) apply(state, log[i]!);
  return statistics(state);
};

const memoryBench = (log: readonly ContractEvent[]): void => {
  // The two must agree before their speeds are compared.
  const report = foldAndReport(log);
  const hand = handFold(log);
  const c = report.totals.contracts;
  const same =
    JSON.stringify([c.awaitingReview, c.inSigning, c.needsNewOrder, c.signedElectronically, c.signedManually, c.withdrawn]) === JSON.stringify(hand.statuses) &&
    report.totals.orders.created === hand.created &&
    report.totals.orders.resigned === hand.resigned &&
    JSON.stringify(report.totals.failures) === JSON.stringify(Object.fromEntries(Object.keys(report.totals.failures).map((k) => [k, hand.failures[k]])));
  if (!same) throw new Error('The projection and the hand-written fold disagree; fix that before timing them.');

  const projectionRates: number[] = [];
  const handRates: number[] = [];
  foldAndReport(log);
  handFold(log);
  for (let r = 0; r < rounds; r++) {
    // alternate, so that drift in the machine's speed hits both alike
    let t = process.hrtime.bigint();
    foldAndReport(log);
    projectionRates.push(log.length / seconds(t));
    t = process.hrtime.bigint();
    handFold(log);
    handRates.push(log.length / seconds(t));
  }
  const projection = median(projectionRates);
  const baseline = median(handRates);
  const ratio = median(projectionRates.map((p, i) => p / handRates[i]!));
  console.log('\nStatistics rebuild from memory (decoded events)');
  console.log(`  contracts projection + report ${fmt(projection)} events/s   target ≥ 2,000,000   ${projection >= 2_000_000 ? 'ok' : 'MISSED'}`);
  console.log(`  hand-written fold              ${fmt(baseline)} events/s`);
  console.log(`  ratio to the hand-written fold ${ratio.toFixed(2).padStart(11)}              target ≥ 0.25        ${ratio >= 0.25 ? 'ok' : 'MISSED'}`);
  console.log(`  (${report.totals.contracts.registered.toLocaleString('en-US')} contracts in ${report.counties.reduce((n, c) => n + c.offices.length, 0)} offices)`);
};

/** Writes the log once; consecutive events of one contract go in one append, as `handle` would write them. */
const writeSqlite = async (log: readonly ContractEvent[]): Promise<void> => {
  if (existsSync(sqliteFile)) return;
  console.log(`\nWriting ${log.length.toLocaleString('en-US')} events to ${sqliteFile} (once)…`);
  const partial = `${sqliteFile}.partial`;
  rmSync(partial, { force: true });
  const store = await openSqliteEventStore(partial);
  const t = process.hrtime.bigint();
  await appendByContract(store, log);
  await store.close();
  const { renameSync } = await import('node:fs');
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  renameSync(partial, sqliteFile);
  console.log(`  written in ${seconds(t).toFixed(1)} s`);
};

const pageSize = Number(process.env.BENCH_PAGE ?? 1000); // the runner's default page

/**
 * One run of the SQLite half in a process of its own, in plain Node on the built packages
 * (sqlite-child.mjs): its peak RSS is that run's alone and not a TypeScript loader's, and its speed
 * is the shipped code's. `rebuild` is what a county's runner does: the store's pages in the
 * projection view (personal values not decoded), through catchUpProjection; `raw` is the baseline,
 * better-sqlite3 reading the same rows by hand with JSON.parse of each row's data.
 */
const runChild = (mode: 'rebuild' | 'rebuild-full' | 'raw' | 'floor') => {
  // the floor's hand-written fold is the bench's TypeScript: that child runs under tsx, its clock started after its imports
  const args = mode === 'floor' ? ['--import', 'tsx', fileURLToPath(new URL('./sqlite-floor-child.ts', import.meta.url)), sqliteFile, String(pageSize)] : [fileURLToPath(new URL('./sqlite-child.mjs', import.meta.url)), sqliteFile, mode, String(pageSize)];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', env: process.env, cwd: fileURLToPath(new URL('..', import.meta.url)) });
  if (child.status !== 0) throw new Error(`the SQLite child failed (it runs the built packages: pnpm build): ${child.stderr}`);
  return JSON.parse(child.stdout) as { rate: number; events: number; maxRssMb: number; statuses?: number[] };
};

const sqliteBench = async (log: readonly ContractEvent[]): Promise<void> => {
  await writeSqlite(log);
  const runs = { rebuild: [] as ReturnType<typeof runChild>[], raw: [] as ReturnType<typeof runChild>[], full: [] as ReturnType<typeof runChild>[], floor: [] as ReturnType<typeof runChild>[] };
  // warm the file into the page cache, and hold the floor to the rebuild before their speeds are compared
  const [warm, floor] = [runChild('rebuild'), runChild('floor')];
  if (JSON.stringify(warm.statuses) !== JSON.stringify(floor.statuses)) throw new Error(`The rebuild and the floor's hand-written fold disagree (${JSON.stringify(warm.statuses)} against ${JSON.stringify(floor.statuses)}); fix that before timing them.`);
  for (let r = 0; r < rounds; r++) {
    // alternate, so that drift in the machine's speed hits each alike
    runs.raw.push(runChild('raw'));
    runs.rebuild.push(runChild('rebuild'));
    runs.floor.push(runChild('floor'));
    runs.full.push(runChild('rebuild-full'));
  }
  const rate = median(runs.rebuild.map((x) => x.rate));
  const events = runs.rebuild[0]!.events;
  const rss = Math.round(median(runs.rebuild.map((x) => x.maxRssMb))); // judged as printed
  const ratio = median(runs.rebuild.map((x, i) => x.rate / runs.raw[i]!.rate));
  console.log('\nContracts projection rebuilt from an SQLite file (catchUpProjection: pages in the projection view, fold, then the statistics report; one process per run)');
  console.log(`  events folded                  ${fmt(events)}`);
  console.log(`  rate                           ${fmt(rate)} events/s   ${(events / rate).toFixed(2)} s   target < 3 s   ${events / rate < 3 ? 'ok' : 'MISSED'}`);
  console.log(`  peak RSS                       ${fmt(rss)} MB         target < 250   ${rss < 250 ? 'ok' : 'MISSED'}`);
  console.log(`  raw row read (baseline)        ${fmt(median(runs.raw.map((x) => x.rate)))} events/s   (better-sqlite3 by hand: the store's SELECT of all columns, pages of ${pageSize}, JSON.parse of data)`);
  console.log(`  its peak RSS                   ${fmt(median(runs.raw.map((x) => x.maxRssMb)))} MB`);
  console.log(`  ratio rebuild / raw read       ${ratio.toFixed(2).padStart(11)}              target ≥ 0.8   ${ratio >= 0.8 ? 'ok' : 'MISSED'}`);
  const floorRate = median(runs.floor.map((x) => x.rate));
  const floorRatio = median(runs.floor.map((x, i) => x.rate / runs.raw[i]!.rate));
  console.log(`  floor: raw read + hand fold    ${fmt(floorRate)} events/s   ${(events / floorRate).toFixed(2)} s   (the raw read with the hand-written fold of the same figures on each parsed row, nothing else)`);
  console.log(`  its ratio to the raw read      ${floorRatio.toFixed(2).padStart(11)}              (a plain loop's: the rebuild does all of this and more)`);
  console.log(`  the same rebuild, full view    ${fmt(median(runs.full.map((x) => x.rate)))} events/s   (every personal value decoded: what it cost before)`);
};

console.log(`Generating a log of ${events.toLocaleString('en-US')} events, contacts ${contacts} (rounds: ${rounds}, Node ${process.version})…`);
if (Number(process.versions.node.split('.')[0]) < 22) {
  console.log(`  (Node ${process.version} is older than the packages support, >= 22.12: these figures are not of a supported setup)`);
}
const log = benchLog(events, { contacts });
if (process.env.BENCH_SKIP_MEMORY !== '1') {
  memoryBench(log);
  const store = await memoryStoreOf(log);
  await memoryRebuildBench(log, store, rounds);
  await scalingBench(log, store, rounds, [Math.round(events / 10), Math.round((events * 3) / 10), events]);
  await store.close();
}
if (process.env.BENCH_SKIP_SQLITE !== '1') await sqliteBench(log);
