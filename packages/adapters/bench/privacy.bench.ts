import { randomBytes } from 'node:crypto';
import type { ContractEvent } from '@fagsign/domain';
import { getInMemoryEventStore } from '../src/store/memory/memory-event-store.js';
import type { EventStore } from '../src/store/event-store.js';
import { memoryKeyStore } from '../src/privacy/key-store.js';
import { singleMasterKey } from '../src/privacy/master-keys.js';
import { protectPersonalData, storedFormSerializer } from '../src/privacy/protected-store.js';
import { sampleContractId, signedContractHistory } from '../src/store/contract/sample-history.js';
import { median, rate } from './workload.js';

/*
 * What encryption costs on the read side: the same contracts (ten events each: registered,
 * ordered, three signatures, signed, archived) in a plain store and in an encrypted one, both in
 * stored form in memory so only the codec differs. Two figures, as events/s medians and the
 * ratio encrypted/plain in this run:
 * - the decode of a contract's history (readStream of every contract, one after another);
 * - the read side of a projection rebuild (readAll of the whole log, folded to a count by type),
 *   decrypting, and through the sealed view that projections can use (no decryption at all).
 * The plain store is the baseline: it decodes with the domain's codecs, as every store does.
 */

const contracts = Number(process.env.BENCH_PRIVACY_CONTRACTS ?? 3_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const fill = async (store: EventStore<ContractEvent>): Promise<number> => {
  let events = 0;
  for (let i = 0; i < contracts; i++) {
    const id = sampleContractId(i + 1, 'P');
    const history = signedContractHistory(id, i + 1);
    events += history.length;
    await store.appendToStream(`contract-${id}`, history.map((event) => ({ event })), { expectedVersion: 'no-stream' });
  }
  return events;
};

const readStreams = async (store: EventStore<ContractEvent>): Promise<void> => {
  for (let i = 0; i < contracts; i++) await store.readStream(`contract-${sampleContractId(i + 1, 'P')}`);
};

const rebuild = async (store: EventStore<ContractEvent>): Promise<Map<string, number>> => {
  const counts = new Map<string, number>();
  for await (const r of store.readAll({ batchSize: 1000 })) counts.set(r.event.type, (counts.get(r.event.type) ?? 0) + 1);
  return counts;
};

const main = async (): Promise<void> => {
  const plain = getInMemoryEventStore({ serializer: storedFormSerializer });
  // the plain store: stored form without keys, read through the same decorator with no sealed value in it
  const plainRead = await protectPersonalData(plain, memoryKeyStore(), singleMasterKey('bench', randomBytes(32)));
  const sealed = await protectPersonalData(getInMemoryEventStore({ serializer: storedFormSerializer }), memoryKeyStore(), singleMasterKey('bench', randomBytes(32)));
  // the plain log is written in plain stored form, as a log from before encryption
  const { encodeEvent } = await import('@fagsign/domain');
  let events = 0;
  for (let i = 0; i < contracts; i++) {
    const id = sampleContractId(i + 1, 'P');
    const history = signedContractHistory(id, i + 1);
    events += history.length;
    await plain.appendToStream(`contract-${id}`, history.map((event) => ({ event: encodeEvent(event) })), { expectedVersion: 'no-stream' });
  }
  await fill(sealed);

  const figures = { history: [] as number[], historyBase: [] as number[], rebuild: [] as number[], rebuildBase: [] as number[], view: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    figures.historyBase.push(await rate(events, () => readStreams(plainRead)));
    figures.history.push(await rate(events, () => readStreams(sealed)));
    figures.rebuildBase.push(await rate(events, () => rebuild(plainRead)));
    figures.rebuild.push(await rate(events, () => rebuild(sealed)));
    figures.view.push(await rate(events, () => rebuild(sealed.sealedView())));
  }
  const line = (what: string, store: number[], base: number[]) =>
    `${what.padEnd(34)} encrypted ${Math.round(median(store)).toLocaleString('en')} ev/s   plain ${Math.round(median(base)).toLocaleString('en')} ev/s   ratio ${(median(store) / median(base)).toFixed(2)}`;
  process.stdout.write(`\nPersonal-data encryption, ${contracts.toLocaleString('en')} contracts (${events.toLocaleString('en')} events), medians of ${rounds} rounds\n`);
  process.stdout.write(`${line("decode a contract's history", figures.history, figures.historyBase)}\n`);
  process.stdout.write(`${line('rebuild read (readAll, fold)', figures.rebuild, figures.rebuildBase)}\n`);
  process.stdout.write(`${line('rebuild read, sealed view', figures.view, figures.rebuildBase)}\n`);
};

await main();
