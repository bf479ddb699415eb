/*
 * Event store benchmark (`pnpm bench` in packages/adapters): for memory, SQLite and PostgreSQL
 * (when FAGSIGN_BENCH_POSTGRES_URL or FAGSIGN_TEST_POSTGRES_URL is set), append throughput with
 * single events and with batches of 10, global read throughput (decoded), and peak RSS, over
 * BENCH_STREAMS streams (default 100,000). Each figure is the median of BENCH_ROUNDS rounds (default
 * 3) beside a plain hand-written baseline measured in the same run. A script, never a timed test.
 *
 * Each store runs in its own process (so its peak RSS is its own), with @fagsign/domain taken from
 * its sources (bench/tsconfig.json), so no build is needed.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure, StoreReport } from './workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const postgresUrl = process.env.FAGSIGN_BENCH_POSTGRES_URL || process.env.FAGSIGN_TEST_POSTGRES_URL;
// BENCH_STORES=postgres (a comma-separated list) runs only those.
const only = process.env.BENCH_STORES?.split(',');
const stores = ['memory', 'sqlite', ...(postgresUrl ? ['postgres'] : [])].filter((store) => only === undefined || only.includes(store));

/** The targets on a 2-core machine (events/s); undefined where none is set. */
const targets: Record<string, Partial<Record<'single' | 'batched' | 'read', number>>> = {
  memory: { single: 500_000, batched: 500_000 },
  sqlite: { batched: 50_000, read: 300_000 },
  postgres: { batched: 10_000, read: 100_000 },
};

/** Targets for the ratio to the same-run baseline. */
const ratioTargets: Record<string, Partial<Record<'single' | 'batched' | 'read', number>>> = {
  postgres: { batched: 0.6 },
};

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const line = (label: string, figure: Figure, target: number | undefined, ratioTarget?: number): string => {
  const ratio = figure.store / figure.baseline;
  const verdict = target === undefined ? '' : `   target ≥ ${n(target)}: ${figure.store >= target ? 'met' : 'MISSED'}`;
  const ratioVerdict = ratioTarget === undefined ? '' : `   ratio target ≥ ${ratioTarget}: ${ratio >= ratioTarget ? 'met' : 'MISSED'}`;
  return `  ${label.padEnd(26)} ${n(figure.store).padStart(11)} events/s   baseline ${n(figure.baseline).padStart(11)}   ratio ${ratio.toFixed(2)}${verdict}${ratioVerdict}`;
};

console.log(`fagsign event store benchmark: ${process.env.BENCH_STREAMS ?? '100,000'} streams, median of ${process.env.BENCH_ROUNDS ?? 3} rounds, node ${process.version}`);
if (!postgresUrl) console.log('PostgreSQL skipped: set FAGSIGN_BENCH_POSTGRES_URL (or FAGSIGN_TEST_POSTGRES_URL) to include it');

for (const store of stores) {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'run-store.ts'), store], {
    cwd: join(here, '..'),
    env: { ...process.env, TSX_TSCONFIG_PATH: join(here, 'tsconfig.json') },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) {
    console.error(`\n${store}: the benchmark failed (exit ${child.status ?? child.signal})`);
    process.exitCode = 1;
    continue;
  }
  const report = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as StoreReport;
  const target = targets[store] ?? {};
  console.log(`\n${store}`);
  console.log(line('append, single events', report.single, target.single));
  console.log(line('append, batches of 10', report.batched, target.batched, ratioTargets[store]?.batched));
  console.log(line('global read, decoded', report.read, target.read));
  console.log(`  ${'peak RSS'.padEnd(26)} ${n(report.peakRssMb).padStart(11)} MB`);
  for (const note of report.notes) console.log(`  · ${note}`);
}

// The workflow runner's cold start on the processor core (its own script, its own processes); not with BENCH_STORES.
if (only === undefined) {
  const runnerBench = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'runner.bench.ts')], {
    cwd: join(here, '..'),
    env: { ...process.env, TSX_TSCONFIG_PATH: join(here, 'tsconfig.json') },
    stdio: 'inherit',
  });
  if (runnerBench.status !== 0) process.exitCode = 1;
}
