import { randomUUID } from 'node:crypto';
import type { ContractEvent } from '@fagsign/domain';
import { getInMemoryEventStore } from '../src/store/memory/memory-event-store.js';
import { sampleContractId, vigoUpdated } from '../src/store/contract/sample-history.js';
import { batchStream, history, median, rate, rounds, singleEvent, singleStream, streamCount, type StoreReport } from './workload.js';

/*
 * Memory: the store against a hand-written baseline that does what the store does, keep each event
 * as it is with a fresh id, in a plain array of rows (plus a Map of stream versions), and reads
 * the rows back. Each phase starts on a fresh store after a full garbage collection (the runner
 * passes --expose-gc): a heap still holding the previous phase's million events would otherwise
 * be what is measured.
 */
interface Row {
  streamName: string;
  streamVersion: number;
  eventId: string;
  event: ContractEvent;
}

const baselineStore = () => {
  const rows: Row[] = [];
  const versions = new Map<string, number>();
  return {
    rows,
    append(streamName: string, events: readonly ContractEvent[]) {
      let version = versions.get(streamName) ?? 0;
      for (const event of events) rows.push({ streamName, streamVersion: ++version, eventId: randomUUID(), event });
      versions.set(streamName, version);
    },
  };
};

const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

export const benchMemory = async (): Promise<StoreReport> => {
  const figures = { single: [] as number[], singleBase: [] as number[], batched: [] as number[], batchedBase: [] as number[], read: [] as number[], readBase: [] as number[], small: [] as number[] };
  const smallFacts = Array.from({ length: 10 }, (_, i) => vigoUpdated(sampleContractId(1), i));
  const readEvents = streamCount * 10;
  for (let round = 0; round < rounds; round++) {
    collect();
    {
      const store = getInMemoryEventStore();
      figures.single.push(await rate(streamCount, async () => {
        for (let i = 0; i < streamCount; i++) await store.appendToStream(singleStream(round, i), [{ event: singleEvent(i) }], { expectedVersion: 'no-stream' });
      }));
    }
    collect();
    {
      const base = baselineStore();
      figures.singleBase.push(await rate(streamCount, () => {
        for (let i = 0; i < streamCount; i++) base.append(singleStream(round, i), [singleEvent(i)]);
      }));
    }
    collect();
    {
      const store = getInMemoryEventStore();
      figures.batched.push(await rate(readEvents, async () => {
        for (let i = 0; i < streamCount; i++) await store.appendToStream(batchStream(round, i), history(i).map((event) => ({ event })), { expectedVersion: 'no-stream' });
      }));
      figures.read.push(await rate(readEvents, async () => {
        let n = 0;
        for await (const _ of store.readAll()) n++;
        if (n !== readEvents) throw new Error(`read ${n} events, expected ${readEvents}`);
      }));
    }
    collect();
    {
      const base = baselineStore();
      figures.batchedBase.push(await rate(readEvents, () => {
        for (let i = 0; i < streamCount; i++) base.append(batchStream(round, i), history(i));
      }));
      figures.readBase.push(await rate(readEvents, () => {
        let n = 0;
        for (const row of base.rows) n += row.streamVersion > 0 ? 1 : 0;
        return n;
      }));
    }
    collect();
    {
      // Batches of ten small facts (VigoUpdated): the store's own cost when events are tiny.
      const store = getInMemoryEventStore();
      figures.small.push(await rate(readEvents, async () => {
        for (let i = 0; i < streamCount; i++) await store.appendToStream(batchStream(round, i), smallFacts.map((event) => ({ event })), { expectedVersion: 'no-stream' });
      }));
    }
  }
  return {
    store: 'memory',
    notes: [
      'baseline: each event kept as it is with a fresh id, as a row in a plain array (and a Map of stream versions); read baseline: a loop over the rows',
      `append, batches of 10 small facts (VigoUpdated): ${Math.round(median(figures.small)).toLocaleString('en-US')} events/s`,
      'each phase on a fresh store after a full GC; the global read reads the 1,000,000 batched events',
    ],
    single: { store: median(figures.single), baseline: median(figures.singleBase), events: streamCount },
    batched: { store: median(figures.batched), baseline: median(figures.batchedBase), events: readEvents },
    read: { store: median(figures.read), baseline: median(figures.readBase), events: readEvents },
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
};
