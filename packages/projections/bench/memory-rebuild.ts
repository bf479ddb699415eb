/*
 * The rebuild through the path a county uses, from the memory store: catchUpProjection (the
 * processor core reading pages in the 'projection' view, folding each page synchronously) and the
 * statistics report, beside the same projection folded over a plain array and the hand-written
 * fold, in the same run, alternating, medians of `rounds`. Then the same with the default snapshot
 * saves (the runner's save at the end and the pointer switch), the cost of one save of the state,
 * and events/s at three log sizes to show that the cost grows linearly.
 */
import { catchUpProjection, getInMemoryEventStore, type EventStore } from '@fagsign/adapters';
import { contractStreamName, type ContractEvent } from '@fagsign/domain';
import { contractsProjection } from '../src/contracts/projection.js';
import { statistics } from '../src/reports/statistics.js';
import { handFold } from './hand-fold.js';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(11);
export const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** Appends the log as `handle` would write it: one append per run of one contract's events. */
export const appendByContract = async (store: Pick<EventStore<ContractEvent>, 'appendToStream'>, log: readonly ContractEvent[]): Promise<void> => {
  for (let i = 0; i < log.length; ) {
    const id = log[i]!.data.contractId;
    let j = i + 1;
    while (j < log.length && log[j]!.data.contractId === id) j++;
    await store.appendToStream(contractStreamName(id), log.slice(i, j).map((event) => ({ event })));
    i = j;
  }
};

/** A memory store holding the log, written as `handle` would write it (`appendByContract`). */
export const memoryStoreOf = async (log: readonly ContractEvent[]): Promise<EventStore<ContractEvent>> => {
  const store = getInMemoryEventStore();
  await appendByContract(store, log);
  return store;
};

const foldArray = (log: readonly ContractEvent[]) => {
  const state = contractsProjection.initialState();
  const apply = contractsProjection.apply;
  for (let i = 0; i < log.length; i++) apply(state, log[i]!);
  return statistics(state);
};

const throughCatchUp = async (store: EventStore<ContractEvent>, save: boolean) => {
  const result = await catchUpProjection(store, contractsProjection, { fromScratch: true, save });
  statistics(result.state);
  return result.applied;
};

/** The store's read alone, a page at a time, in the projections' view: what the catch-up adds to the fold. */
const readPages = async (store: EventStore<ContractEvent>): Promise<number> => {
  let events = 0;
  for await (const page of store.readAllPages({ view: 'projection' })) events += page.length;
  return events;
};

const rate = async (events: number, run: () => unknown): Promise<number> => {
  const t = process.hrtime.bigint();
  await run();
  return events / seconds(t);
};

export const memoryRebuildBench = async (log: readonly ContractEvent[], store: EventStore<ContractEvent>, rounds: number): Promise<void> => {
  // The three must agree before their speeds are compared.
  const applied = await throughCatchUp(store, false);
  if (applied !== log.length) throw new Error(`The catch-up applied ${applied} of ${log.length} events.`);
  if (JSON.stringify(statistics((await catchUpProjection(store, contractsProjection, { save: false })).state)) !== JSON.stringify(foldArray(log))) {
    throw new Error('The catch-up and the fold over an array disagree; fix that before timing them.');
  }
  handFold(log);

  const catchUps: number[] = [];
  const withSaves: number[] = [];
  const arrays: number[] = [];
  const hands: number[] = [];
  const reads: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // alternate, so that drift in the machine's speed hits all alike
    catchUps.push(await rate(log.length, () => throughCatchUp(store, false)));
    withSaves.push(await rate(log.length, () => throughCatchUp(store, true)));
    arrays.push(await rate(log.length, () => foldArray(log)));
    hands.push(await rate(log.length, () => handFold(log)));
    reads.push(await rate(log.length, () => readPages(store)));
  }
  const ratio = (xs: number[], ys: number[]) => median(xs.map((x, i) => x / ys[i]!));
  const toHand = ratio(catchUps, hands);
  const toArray = ratio(catchUps, arrays);
  const savesToHand = ratio(withSaves, hands);
  console.log('\nStatistics rebuild from the memory store (catchUpProjection: pages, fold, report)');
  console.log(`  through catchUpProjection      ${fmt(median(catchUps))} events/s`);
  console.log(`  the same, default saves        ${fmt(median(withSaves))} events/s   (a save at the end, the pointer switched)`);
  console.log(`  the projection over an array   ${fmt(median(arrays))} events/s`);
  console.log(`  hand-written fold              ${fmt(median(hands))} events/s`);
  console.log(`  the store's readAllPages alone ${fmt(median(reads))} events/s   (what the store adds to the fold)`);
  console.log(`  ratio to the hand-written fold ${toHand.toFixed(2).padStart(11)}              target ≥ 0.25        ${toHand >= 0.25 ? 'ok' : 'MISSED'}`);
  console.log(`  ratio to the array projection  ${toArray.toFixed(2).padStart(11)}              target ≥ 0.8         ${toArray >= 0.8 ? 'ok' : 'MISSED'}`);
  console.log(`  with saves, to the hand fold   ${savesToHand.toFixed(2).padStart(11)}`);

  // One save of the whole state: what the runner does now (serialise once, at the call) against
  // what it did before (structuredClone of the state, then serialise the copy).
  const state = (await catchUpProjection(store, contractsProjection, { save: false })).state;
  const now: number[] = [];
  const before: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = process.hrtime.bigint();
    JSON.stringify(contractsProjection.serialize(state));
    now.push(seconds(t) * 1000);
    t = process.hrtime.bigint();
    JSON.stringify(structuredClone(contractsProjection.serialize(state)));
    before.push(seconds(t) * 1000);
  }
  console.log(`  one save of the state (${state.contracts.size.toLocaleString('en-US')} contracts): ${median(now).toFixed(0)} ms; with the copy it took before: ${median(before).toFixed(0)} ms`);
};

/**
 * Events/s through catchUpProjection at three sizes of log; a cost that grows linearly keeps the
 * rate. The sizes take turns in each round, so a change in the machine's load hits them alike.
 */
export const scalingBench = async (log: readonly ContractEvent[], whole: EventStore<ContractEvent>, rounds: number, sizes: readonly number[]): Promise<void> => {
  console.log('\nHow the catch-up scales (memory store, catchUpProjection + report, no saves; the sizes take turns)');
  const stores: EventStore<ContractEvent>[] = [];
  for (const size of sizes) stores.push(size === log.length ? whole : await memoryStoreOf(log.slice(0, size)));
  for (const store of stores) await throughCatchUp(store, false);
  const rates: number[][] = sizes.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, store] of stores.entries()) rates[i]!.push(await rate(sizes[i]!, () => throughCatchUp(store, false)));
  }
  for (const [i, size] of sizes.entries()) console.log(`  ${fmt(size)} events        ${fmt(median(rates[i]!))} events/s`);
  const spread = median(rates.at(-1)!.map((largest, r) => largest / rates[0]![r]!));
  console.log(`  largest to smallest            ${spread.toFixed(2).padStart(11)}              target 0.8–1.25      ${spread >= 0.8 && spread <= 1.25 ? 'ok' : 'MISSED'}`);
  for (const store of stores) if (store !== whole) await store.close();
};
