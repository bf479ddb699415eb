import { encodeEvent, type ContractEvent } from '@fagsign/domain';
import { sampleContractId, signedContractHistory } from '../src/store/contract/sample-history.js';

/*
 * The benchmark's workload: real contract histories (registered, ordered, three signatures,
 * signed, archived: ten events, produced by the decider), a thousand distinct ones reused across
 * the streams. Single-event appends take one event of a history each; batches are whole histories.
 */

export const streamCount = Number(process.env.BENCH_STREAMS ?? 100_000);
export const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const distinct = 1_000;
export const histories: ContractEvent[][] = Array.from({ length: distinct }, (_, i) => signedContractHistory(sampleContractId(i + 1, 'B'), i + 1));

export const singleEvent = (i: number): ContractEvent => histories[i % distinct]![i % 10]!;
export const history = (i: number): ContractEvent[] => histories[i % distinct]!;
export const singleStream = (round: number, i: number): string => `contract-S${round}-${i}`;
export const batchStream = (round: number, i: number): string => `contract-M${round}-${i}`;

/** The stored form a hand-written baseline would write: type, schema version and the JSON text. */
export const serialized = (event: ContractEvent): { type: string; schemaVersion: number; json: string } => {
  const stored = encodeEvent(event);
  return { type: stored.type, schemaVersion: stored.schemaVersion, json: JSON.stringify(stored.data) };
};

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Events per second of one timed run. */
export const rate = async (events: number, body: () => Promise<unknown> | unknown): Promise<number> => {
  const started = process.hrtime.bigint();
  await body();
  return events / (Number(process.hrtime.bigint() - started) / 1e9);
};

/** Runs `count` jobs on `workers` concurrent workers, each awaiting its jobs one after another. */
export const onWorkers = async (workers: number, count: number, job: (i: number) => Promise<unknown>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) await job(next++);
    }),
  );
};

/** One measured figure: the store's median and the baseline's median, events per second. */
export interface Figure {
  readonly store: number;
  readonly baseline: number;
  readonly events: number;
}

export interface StoreReport {
  readonly store: string;
  readonly notes: string[];
  readonly single: Figure;
  readonly batched: Figure;
  readonly read: Figure;
  readonly peakRssMb: number;
}
