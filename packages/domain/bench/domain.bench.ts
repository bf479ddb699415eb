/*
 * Domain benchmark (`pnpm bench` in packages/domain): evolve and decode throughput over a realistic
 * lifecycle mix, each beside a plain hand-written baseline measured in the same run, because these
 * machines are noisy. Prints the median of several rounds.
 */
import { produce, setAutoFreeze } from 'immer';
import { decodeEvent, evolve, initialState, type ContractState } from '../src/index.js';
import { lifecycleMix, storedForm } from './lifecycle-mix.js';
import { applyMutable, emptyContract, type MutableContract } from './mutable-fold.js';

const contracts = Number(process.env.BENCH_CONTRACTS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);

/** Runs `body` `rounds` times (after one warm-up) and returns the median events per second. */
const measure = (events: number, body: () => unknown): number => {
  body();
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    body();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(events / seconds);
  }
  return median(rates);
};

console.log(`Generating ${contracts.toLocaleString('en-US')} contract lifecycles…`);
const { histories, events } = lifecycleMix(contracts);
const stored = storedForm(histories);
const parsed = stored.map((h) => h.map((json) => JSON.parse(json) as { type: string; schemaVersion: number; data: unknown }));
console.log(`${events.toLocaleString('en-US')} events, ${(events / contracts).toFixed(1)} per contract\n`);

let sink: unknown;
const evolveRate = measure(events, () => {
  for (const h of histories) {
    let s: ContractState = initialState;
    for (const e of h) s = evolve(s, e);
    sink = s;
  }
});
const baselineFold = measure(events, () => {
  for (const h of histories) {
    const c: MutableContract = emptyContract();
    for (const e of h) applyMutable(c, e);
    sink = c;
  }
});
setAutoFreeze(false);
const immerRate = measure(events, () => {
  for (const h of histories) {
    let c: MutableContract = emptyContract();
    for (const e of h) c = produce(c, (draft) => applyMutable(draft, e));
    sink = c;
  }
});
const decodeRate = measure(events, () => {
  for (const h of parsed) for (const raw of h) sink = decodeEvent(raw);
});
const parseDecodeRate = measure(events, () => {
  for (const h of stored) for (const json of h) sink = decodeEvent(JSON.parse(json));
});
const parseOnlyRate = measure(events, () => {
  for (const h of stored) for (const json of h) sink = JSON.parse(json);
});
void sink;

const row = (name: string, rate: number, base: number, baseName: string, target?: number) =>
  console.log(`${name.padEnd(34)} ${fmt(rate)} events/s   ${(rate / base).toFixed(3)} × ${baseName}${target ? `   target ≥ ${target.toLocaleString('en-US')}: ${rate >= target ? 'met' : 'MISSED'}` : ''}`);

console.log(`median of ${rounds} rounds`);
row('baseline: mutable switch-fold', baselineFold, baselineFold, 'baseline');
row('evolve (immutable, decoded events)', evolveRate, baselineFold, 'baseline', 500_000);
row('immer produce around the same fold', immerRate, baselineFold, 'baseline');
row('baseline: JSON.parse only', parseOnlyRate, parseOnlyRate, 'JSON.parse');
row('io-ts decode (parsed JSON)', decodeRate, baselineFold, 'baseline', 500_000);
row('JSON.parse + io-ts decode', parseDecodeRate, parseOnlyRate, 'JSON.parse');
