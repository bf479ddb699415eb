/*
 * Projections benchmark (`pnpm bench` in packages/projections): the statistics rebuild over a
 * realistic log of BENCH_EVENTS (default 1 000 000) events.
 *
 * 1. From memory, decoded: the contracts projection folded over the events plus the statistics
 *    report, beside a plain hand-written fold of the same figures, measured in the same run
 *    (these machines are noisy; the ratio is what carries over). Targets: ≥ 2 000 000 events/s and
 *    ≥ ¼ of the hand-written fold.
 * 2. From an SQLite file, through the runner and the store's readAll (decoding every event), in a
 *    child process so that its peak RSS is the rebuild's own. Targets: ≥ 300 000 events/s, peak RSS
 *    under 300 MB. The file is written once to the temp directory and reused.
 *
 * 3. From the memory store through catchUpProjection (bench/memory-rebuild.ts), beside the same
 *    projection over a plain array and the hand-written fold; with the default saves; the cost of
 *    one save; and events/s at a tenth, three tenths and all of the log (the cost grows linearly).
 *    Targets: ≥ 0.25 × the hand-written fold, ≥ 0.8 × the array, largest to smallest 0.8–1.25.
 *
 * Every figure is the median of BENCH_ROUNDS (default 5) rounds after a warm-up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractStreamName, type ContractEvent } from '@fagsign/domain';
import { contractsProjection } from '../src/contracts/projection.js';
import { statistics } from '../src/reports/statistics.js';
import { catchUpProjection } from '@fagsign/adapters';
import { handFold } from './hand-fold.js';
import { memoryRebuildBench, memoryStoreOf, scalingBench } from './memory-rebuild.js';
import { benchLog } from './lifecycles.js';

const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(11);
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

const sqliteFile = join(tmpdir(), `fagsign-projections-bench-${events}.sqlite`);

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
  for (let i = 0; i < log.length; ) {
    const id = log[i]!.data.contractId;
    let j = i + 1;
    while (j < log.length && log[j]!.data.contractId === id) j++;
    await store.appendToStream(contractStreamName(id), log.slice(i, j).map((event) => ({ event })));
    i = j;
  }
  await store.close();
  const { renameSync } = await import('node:fs');
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  renameSync(partial, sqliteFile);
  console.log(`  written in ${seconds(t).toFixed(1)} s`);
};

/**
 * The child: one rebuild from the file (or, for the baseline, only the store's readAll with its
 * decoding), reporting its rate and its own peak RSS. One per process, so RSS is that run's alone.
 */
const sqliteChild = async (file: string, mode: string): Promise<void> => {
  const store = await openSqliteEventStore(file);
  const t = process.hrtime.bigint();
  let folded = 0;
  if (mode === 'read') {
    for await (const _ of store.readAll({ batchSize: 2000 })) folded++;
  } else {
    const result = await catchUpProjection(store, contractsProjection, { save: false, fromScratch: true, batchSize: 2000 });
    statistics(result.state);
    folded = result.applied;
  }
  const rate = folded / seconds(t);
  await store.close();
  process.stdout.write(JSON.stringify({ rate, events: folded, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
};

const runChild = (mode: 'read' | 'rebuild') => {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--sqlite-child', sqliteFile, mode], { encoding: 'utf8', env: process.env });
  if (child.status !== 0) throw new Error(`the SQLite child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { rate: number; events: number; maxRssMb: number };
};

const sqliteBench = async (log: readonly ContractEvent[]): Promise<void> => {
  await writeSqlite(log);
  const rebuilds: ReturnType<typeof runChild>[] = [];
  const reads: ReturnType<typeof runChild>[] = [];
  runChild('rebuild'); // warm the file into the page cache
  for (let r = 0; r < rounds; r++) {
    rebuilds.push(runChild('rebuild'));
    reads.push(runChild('read'));
  }
  const rate = median(rebuilds.map((x) => x.rate));
  const rss = median(rebuilds.map((x) => x.maxRssMb));
  console.log('\nStatistics rebuild from an SQLite file (catchUpProjection: pages, decode, fold, report; one process per run)');
  console.log(`  events folded                  ${fmt(rebuilds[0]!.events)}`);
  console.log(`  rate                           ${fmt(rate)} events/s   target ≥ 300,000     ${rate >= 300_000 ? 'ok' : 'MISSED'}`);
  console.log(`  peak RSS                       ${fmt(rss)} MB         target < 300         ${rss < 300 ? 'ok' : 'MISSED'}`);
  console.log(`  the store's readAll alone      ${fmt(median(reads.map((x) => x.rate)))} events/s   (reading and decoding, no projection: the ceiling)`);
  console.log(`  its peak RSS                   ${fmt(median(reads.map((x) => x.maxRssMb)))} MB`);
};

const childFlag = process.argv.indexOf('--sqlite-child');
if (childFlag >= 0) {
  await sqliteChild(process.argv[childFlag + 1]!, process.argv[childFlag + 2]!);
} else {
  console.log(`Generating a log of ${events.toLocaleString('en-US')} events (rounds: ${rounds}, Node ${process.version})…`);
  const log = benchLog(events);
  memoryBench(log);
  const store = await memoryStoreOf(log);
  await memoryRebuildBench(log, store, rounds);
  await scalingBench(log, store, rounds, [Math.round(events / 10), Math.round((events * 3) / 10), events]);
  await store.close();
  if (process.env.BENCH_SKIP_SQLITE !== '1') await sqliteBench(log);
}
