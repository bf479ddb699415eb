/*
 * The workflow runner's cold start on the processor core (run by `pnpm bench` after the stores):
 * an SQLite file of BENCH_RUNNER_CONTRACTS (default 100,000) ended contracts (ten events each:
 * registered, ordered, signed, archived, reported to Vigo), written once to the temp directory.
 *
 * - runner: `createWorkflowRunner(...).catchUp()` from no checkpoint: pages through the log, folds
 *   each contract, drops it from its index once it has no work, saves its checkpoint.
 * - baseline: a hand-written fold over the same store's `readAll`: one `evolve` per event into a
 *   Map of every contract's state (what the runner did before it dropped ended contracts).
 *
 * Each run is a process of its own in plain Node on the built packages (runner-child.mjs; `pnpm build`
 * first), so its peak RSS is its own and not a TypeScript loader's; medians of BENCH_ROUNDS (default 3).
 * Target: the runner's resident memory after the cold start (after a GC) under 100 MB; its rate no slower than the baseline's (ratio ≥ 1 ± noise).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteEventStore } from '../src/store/sqlite/sqlite-event-store.js';
import { histories, median } from './workload.js';

const contracts = Number(process.env.BENCH_RUNNER_CONTRACTS ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const file = join(tmpdir(), `fagsign-runner-bench-${contracts}.sqlite`);
const n = (x: number): string => Math.round(x).toLocaleString('en-US');

const writeOnce = async (): Promise<void> => {
  if (existsSync(file)) return;
  console.log(`Writing ${n(contracts)} ended contracts to ${file} (once)…`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const store = await openSqliteEventStore(partial);
  for (let i = 0; i < contracts; i++) await store.appendToStream(`contract-R-${i}`, histories[i % histories.length]!.map((event) => ({ event })));
  await store.close();
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  renameSync(partial, file);
};

const run = (mode: 'runner' | 'baseline') => {
  const result = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(new URL('./runner-child.mjs', import.meta.url)), file, mode], { encoding: 'utf8', env: process.env });
  if (result.status !== 0) throw new Error(`the ${mode} child failed (it runs on the built packages: pnpm build): ${result.stderr}`);
  return JSON.parse(result.stdout) as { rate: number; events: number; held: number; rssAfterMb: number; heapUsedMb: number; maxRssMb: number };
};

{
  await writeOnce();
  const runner: ReturnType<typeof run>[] = [];
  const baseline: ReturnType<typeof run>[] = [];
  for (let r = 0; r < rounds; r++) {
    runner.push(run('runner'));
    baseline.push(run('baseline'));
  }
  const rss = median(runner.map((x) => x.rssAfterMb));
  console.log(`\nworkflow runner, cold start over ${n(contracts)} ended contracts in SQLite (${n(runner[0]!.events)} events; median of ${rounds}, one process per run)`);
  console.log(`  runner catch-up on the core  ${n(median(runner.map((x) => x.rate))).padStart(11)} events/s   RSS after ${n(rss)} MB (target < 100: ${rss < 100 ? 'met' : 'MISSED'}), JS heap in use ${n(median(runner.map((x) => x.heapUsedMb)))} MB, peak RSS ${n(median(runner.map((x) => x.maxRssMb)))} MB`);
  console.log(`  hand-written fold (all kept) ${n(median(baseline.map((x) => x.rate))).padStart(11)} events/s   RSS after ${n(median(baseline.map((x) => x.rssAfterMb)))} MB, JS heap in use ${n(median(baseline.map((x) => x.heapUsedMb)))} MB, peak RSS ${n(median(baseline.map((x) => x.maxRssMb)))} MB`);
  console.log(`  ratio to the hand-written fold ${median(runner.map((x, i) => x.rate / baseline[i]!.rate)).toFixed(2)}`);
}
