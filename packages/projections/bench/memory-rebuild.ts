/*
 * The rebuild through the path a county uses, from the memory store: catchUpProjection (the
 * processor core reading pages in the 'projection' view, folding each page synchronously) and the
 * statistics report, beside the same projection folded over a plain array and the hand-written
 * fold, in the same run, alternating, medians of `rounds`. Then the same with the default snapshot
 * saves (the runner's save at the end and the pointer switch), one save and one load of the state
 * in the saved form before and now, and events/s at three log sizes to show that the cost grows linearly.
 */
import { catchUpProjection, getInMemoryEventStore, type EventStore } from '@fagsign/adapters';
import { contractStreamName, type ContractEvent } from '@fagsign/domain';
import { contractsProjection } from '../src/contracts/projection.js';
import type { ContractsState } from '../src/contracts/summary.js';
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

  await saveAndLoadBench((await catchUpProjection(store, contractsProjection, { save: false })).state, rounds);
};

/** What fagsign saved before form 2 (saved-form.ts): the state's own objects, every key written out. */
const form1 = (state: ContractsState) => ({ offices: [...state.offices.values()], contracts: [...state.contracts.values()] });

/** How fagsign loaded form 1 before form 2: a structuredClone of the parsed snapshot, then the maps. */
const loadForm1AsBefore = (saved: ReturnType<typeof form1>): ContractsState => {
  const copy = structuredClone(saved);
  return { offices: new Map(copy.offices.map((o) => [o.key, o])), contracts: new Map(copy.contracts.map((c) => [c.contractId, c])) };
};

/**
 * One save and one load of the whole state, in the form saved before (form 1) and in form 2, taking
 * turns in each round: a save is what the runner does (`serialize`, then the store's
 * `JSON.stringify`), a load what every `fagsign report` and service start does (`JSON.parse` of
 * the stored text, then `deserialize`). Form 1 is loaded as fagsign loaded it before (with its
 * `structuredClone`) and as this code reads it (an upgrade's first load).
 */
const saveAndLoadBench = async (state: ContractsState, rounds: number): Promise<void> => {
  const timed = (run: () => unknown): number => {
    const t = process.hrtime.bigint();
    run();
    return seconds(t) * 1000;
  };
  const oldJson = JSON.stringify(form1(state));
  const newJson = JSON.stringify(contractsProjection.serialize(state));
  if (JSON.stringify(form1(contractsProjection.deserialize(JSON.parse(newJson)))) !== oldJson) throw new Error('Form 2 does not read back as the state; fix that before timing it.');
  const t = { oldSave: [] as number[], newSave: [] as number[], oldLoad: [] as number[], oldLoadNow: [] as number[], newLoad: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    t.oldSave.push(timed(() => JSON.stringify(form1(state))));
    t.newSave.push(timed(() => JSON.stringify(contractsProjection.serialize(state))));
    t.oldLoad.push(timed(() => loadForm1AsBefore(JSON.parse(oldJson))));
    t.oldLoadNow.push(timed(() => contractsProjection.deserialize(JSON.parse(oldJson))));
    t.newLoad.push(timed(() => contractsProjection.deserialize(JSON.parse(newJson))));
  }
  const ms = (xs: number[]) => `${median(xs).toFixed(0).padStart(6)} ms`;
  const mb = (json: string) => `${(Buffer.byteLength(json) / 1e6).toFixed(1).padStart(6)} MB`;
  const ratio = (xs: number[], ys: number[]) => median(xs.map((x, i) => x / ys[i]!)).toFixed(2);
  console.log(`\nOne save and one load of the whole state (${state.contracts.size.toLocaleString('en-US')} contracts; a save: serialize + JSON.stringify; a load: JSON.parse + deserialize)`);
  console.log(`                                  size       save       load`);
  console.log(`  form 1 (saved before)      ${mb(oldJson)}  ${ms(t.oldSave)}  ${ms(t.oldLoad)}   (loaded as before, with its structuredClone)`);
  console.log(`  form 1, read by this code                        ${ms(t.oldLoadNow)}   (an upgrade's first load)`);
  console.log(`  form 2 (rows and tables)   ${mb(newJson)}  ${ms(t.newSave)}  ${ms(t.newLoad)}`);
  console.log(`  form 1 / form 2            ${(Buffer.byteLength(oldJson) / Buffer.byteLength(newJson)).toFixed(2).padStart(9)}  ${ratio(t.oldSave, t.newSave).padStart(9)}  ${ratio(t.oldLoad, t.newLoad).padStart(9)}`);
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
