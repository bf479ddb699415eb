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
 * - idle: the same-run baseline for memory: a process that loads the packages and opens the store,
 *   and reads nothing. What the runner costs is its RSS above this one.
 * - runner, --max-semi-space-size=8: the runner again with V8's young generation capped at 8 MB a
 *   semi-space instead of 16 (the flag docs/operations.md describes; BENCH_RUNNER_SEMI_SPACE_FLAG to try another).
 *
 * Each run is a process of its own in plain Node on the built packages (runner-child.mjs; `pnpm build`
 * first), so its peak RSS is its own and not a TypeScript loader's; medians of BENCH_ROUNDS (default 3).
 * RSS "after" is measured after a GC once its background threads have returned the freed pages
 * (500 ms later); "at the GC" right after it.
 * Target: the runner's resident memory after the cold start under 100 MB; its rate no slower than the baseline's (ratio ≥ 1 ± noise).
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

const run = (mode: 'runner' | 'baseline' | 'idle', flags: readonly string[] = []) => {
  const result = spawnSync(process.execPath, ['--expose-gc', ...flags, fileURLToPath(new URL('./runner-child.mjs', import.meta.url)), file, mode], { encoding: 'utf8', env: process.env });
  if (result.status !== 0) throw new Error(`the ${mode} child failed (it runs on the built packages: pnpm build): ${result.stderr}`);
  return JSON.parse(result.stdout) as { rate: number; events: number; held: number; rssAtGcMb: number; rssAfterMb: number; heapUsedMb: number; maxRssMb: number };
};
type Run = ReturnType<typeof run>;
const semiSpaceFlag = process.env.BENCH_RUNNER_SEMI_SPACE_FLAG ?? '--max-semi-space-size=8';

{
  await writeOnce();
  const runs = { idle: [] as Run[], runner: [] as Run[], capped: [] as Run[], baseline: [] as Run[] };
  for (let r = 0; r < rounds; r++) {
    runs.idle.push(run('idle'));
    runs.runner.push(run('runner'));
    runs.capped.push(run('runner', [semiSpaceFlag]));
    runs.baseline.push(run('baseline'));
  }
  const m = (xs: Run[], key: keyof Run): number => median(xs.map((x) => x[key]));
  const idle = m(runs.idle, 'rssAfterMb');
  const memory = (xs: Run[]): string => {
    const after = m(xs, 'rssAfterMb');
    return `RSS after ${n(after)} MB (${after - idle >= 0 ? '+' : ''}${n(after - idle)} over idle; target < 100: ${after < 100 ? 'met' : 'MISSED'}), at the GC ${n(m(xs, 'rssAtGcMb'))} MB, JS heap in use ${n(m(xs, 'heapUsedMb'))} MB, peak RSS ${n(m(xs, 'maxRssMb'))} MB`;
  };
  const rate = (xs: Run[]): string => `${n(m(xs, 'rate')).padStart(9)} events/s`;
  console.log(`\nworkflow runner, cold start over ${n(contracts)} ended contracts in SQLite (${n(runs.runner[0]!.events)} events; median of ${rounds}, one process per run)`);
  console.log(`  idle process (packages loaded, store open)                RSS ${n(idle)} MB, peak RSS ${n(m(runs.idle, 'maxRssMb'))} MB`);
  console.log(`  runner catch-up on the core               ${rate(runs.runner)}   ${memory(runs.runner)}`);
  console.log(`  runner, node ${semiSpaceFlag.padEnd(28)}${rate(runs.capped)}   ${memory(runs.capped)}`);
  console.log(`  hand-written fold (all kept)              ${rate(runs.baseline)}   RSS after ${n(m(runs.baseline, 'rssAfterMb'))} MB, JS heap in use ${n(m(runs.baseline, 'heapUsedMb'))} MB, peak RSS ${n(m(runs.baseline, 'maxRssMb'))} MB`);
  console.log(`  ratio to the hand-written fold ${median(runs.runner.map((x, i) => x.rate / runs.baseline[i]!.rate)).toFixed(2)} (with the flag ${median(runs.capped.map((x, i) => x.rate / runs.baseline[i]!.rate)).toFixed(2)})`);
}
