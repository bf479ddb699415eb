/*
 * Peer benchmark (`pnpm bench` in packages/adapters, after the store benchmark): fagsign's memory
 * store beside Emmett's in-memory store (@event-driven-io/emmett, a dev dependency) and a plain Map
 * of arrays, on the same workload in one process. BENCH_PEER_CONTRACTS contracts (default 10,000)
 * with real histories (ten events each, produced by the decider: bench/workload.ts), one stream
 * each. Every round (BENCH_ROUNDS, default 5) fills fresh stores; the peers take turns of 100
 * streams each, and every figure is the median over all turns of all rounds (see takingTurns).
 *
 * - readStream of every stream, one after another, each read awaited as a command handler awaits
 *   it: the first read after the appends, then three more passes. All three do the same work
 *   every time (fagsign's frozen list of a short stream is made at append, and timed there).
 * - Appends, one history per append: fagsign's appendToStream beside a plain push of the same
 *   records into a Map of arrays (a fresh UUID per event, as the store gives), and the read-back
 *   check alone (checkReadable, which refuses an event that would not read back) over the same
 *   events. fagsign appends events it has never seen (decoded from JSON text each round), since it
 *   freezes what it stores.
 *
 * Emmett's append is left out: it counts every stream's events on each append (its global
 * position), so its cost grows with the store and says nothing about this workload.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getInMemoryEventStore as getEmmettInMemoryEventStore, type Event as EmmettEvent } from '@event-driven-io/emmett';
import { decodeEvent, encodeEvent, type ContractEvent } from '@fagsign/domain';
import { getInMemoryEventStore } from '../src/store/memory/memory-event-store.js';
import { checkReadable, recordedNow } from '../src/store/append-rules.js';
import { contractEventSerializer } from '../src/store/serializer.js';
import type { RecordedEvent } from '../src/store/event-store.js';
import { history, median } from './workload.js';

const contracts = Number(process.env.BENCH_PEER_CONTRACTS ?? 10_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const streamName = (i: number): string => `contract-P-${i}`;
const histories = Array.from({ length: contracts }, (_, i) => history(i));
const eventCount = histories.reduce((sum, h) => sum + h.length, 0);
const emmettVersion = (JSON.parse(readFileSync(new URL('../node_modules/@event-driven-io/emmett/package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Events as a county's would arrive: objects nobody has held before, decoded from their JSON text. */
const freshHistories = (): ContractEvent[][] =>
  histories.map((h) =>
    h.map((event) => {
      const stored = encodeEvent(event);
      const decoded = decodeEvent({ ...stored, data: JSON.parse(JSON.stringify(stored.data)) });
      if (decoded._tag === 'Left') throw decoded.left;
      return decoded.right;
    }),
  );

/** The baseline: each stream's records in a plain array in a Map; a read returns the array as stored. */
const mapOfArrays = () => {
  const streams = new Map<string, RecordedEvent<ContractEvent>[]>();
  let position = 0;
  return {
    append(name: string, events: readonly ContractEvent[]): number {
      let stream = streams.get(name);
      if (stream === undefined) streams.set(name, (stream = []));
      const recordedAt = recordedNow() as RecordedEvent['metadata']['recordedAt'];
      for (const event of events) {
        position++;
        const metadata = { eventId: randomUUID(), correlationId: undefined, causationId: undefined, recordedAt, schemaVersion: 1 };
        stream.push({ streamName: name, streamVersion: stream.length + 1, checkpoint: String(position), event, metadata });
      }
      return events.length;
    },
    readStream: async (name: string): Promise<{ currentVersion: number; events: readonly RecordedEvent<ContractEvent>[] }> => {
      const events = streams.get(name) ?? [];
      return { currentVersion: events.length, events };
    },
  };
};

const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Runs each peer's work over all the streams in turns of `turn` streams, the peers taking turns
 * (which goes first rotates), and records for every turn the nanoseconds per event. On a machine
 * shared with other work, a whole pass of one peer measures the machine as much as the peer; turns
 * a fraction of a millisecond long, side by side, see the same machine, and their median ignores
 * the turns the scheduler interrupted.
 */
const turn = 100;
const takingTurns = async <P extends string>(round: number, work: Record<P, (from: number, to: number) => Promise<number> | number>, into: Record<P, number[]>): Promise<void> => {
  const names = Object.keys(work) as P[];
  const handled = new Map<P, number>(names.map((p) => [p, 0]));
  collect();
  for (let from = 0, t = round; from < contracts; from += turn, t++) {
    const to = Math.min(contracts, from + turn);
    for (let k = 0; k < names.length; k++) {
      const peer = names[(t + k) % names.length]!;
      const started = process.hrtime.bigint();
      const events = await work[peer](from, to);
      into[peer].push(Number(process.hrtime.bigint() - started) / events);
      handled.set(peer, handled.get(peer)! + events);
    }
  }
  for (const p of names) if (handled.get(p) !== eventCount) throw new Error(`${p} handled ${handled.get(p)} events, expected ${eventCount}`);
};

/** Reads streams from..to-1 one after another, each read awaited; returns the events read. */
const readRange = (read: (name: string) => Promise<{ events: readonly unknown[] }>) => async (from: number, to: number): Promise<number> => {
  let events = 0;
  for (let i = from; i < to; i++) events += (await read(streamName(i))).events.length;
  return events;
};

const samples = () => ({ fagsign: [] as number[], emmett: [] as number[], map: [] as number[] });
const figures = { firstRead: samples(), readAgain: samples(), append: { fagsign: [] as number[], push: [] as number[], check: [] as number[] } };

for (let round = 0; round < rounds; round++) {
  const fresh = freshHistories();
  const fagsign = getInMemoryEventStore();
  const emmett = getEmmettInMemoryEventStore();
  const map = mapOfArrays();
  await takingTurns(
    round,
    {
      fagsign: async (from, to) => {
        let events = 0;
        for (let i = from; i < to; i++) events += (await fagsign.appendToStream(streamName(i), fresh[i]!.map((event) => ({ event })), { expectedVersion: 'no-stream' })).nextExpectedVersion;
        return events;
      },
      push: (from, to) => {
        let events = 0;
        for (let i = from; i < to; i++) events += map.append(streamName(i), histories[i]!);
        return events;
      },
      check: (from, to) => {
        let events = 0;
        for (let i = from; i < to; i++) {
          const history = fresh[i]!;
          for (let j = 0; j < history.length; j++, events++) checkReadable(contractEventSerializer, streamName(i), j, history[j]!);
        }
        return events;
      },
    },
    figures.append,
  );
  // Emmett's store is filled untimed (see the header).
  for (let i = 0; i < contracts; i++) await emmett.appendToStream(streamName(i), histories[i]! as unknown as EmmettEvent[]);

  const reads = {
    fagsign: readRange((name) => fagsign.readStream(name)),
    emmett: readRange((name) => emmett.readStream(name)),
    map: readRange(map.readStream),
  };
  await takingTurns(round, reads, figures.firstRead);
  for (let again = 0; again < 3; again++) await takingTurns(round + again, reads, figures.readAgain);
  await fagsign.close();
}

/** Events per second from the median nanoseconds per event over all turns. */
const rateOf = (nanosPerEvent: number[]): number => 1e9 / median(nanosPerEvent);
const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const m = (x: number): string => `${(x / 1e6).toFixed(1)} M`;
const ratio = (a: number, b: number): string => (a / b).toFixed(2);
const turns = Math.ceil(contracts / turn) * rounds;
console.log(`\nfagsign's memory store beside Emmett ${emmettVersion}'s in-memory store and a plain Map of arrays: ${n(contracts)} contracts, ${n(eventCount)} events, ${rounds} rounds, node ${process.version}`);
console.log(`events/s from the median over ${n(turns)} turns of ${turn} streams each (the peers alternate turn by turn)`);
console.log('readStream of every stream, one after another, awaited:');
for (const [which, label] of [['firstRead', 'first read after the appends'], ['readAgain', 'read again (3 more passes)']] as const) {
  const [f, e, b] = (['fagsign', 'emmett', 'map'] as const).map((p) => rateOf(figures[which][p]));
  console.log(`  ${label.padEnd(29)} fagsign ${m(f!).padStart(7)}   Emmett ${m(e!).padStart(7)}   Map of arrays ${m(b!).padStart(7)}   fagsign/Emmett ${ratio(f!, e!)}   fagsign/Map ${ratio(f!, b!)}   Emmett/Map ${ratio(e!, b!)}`);
}
const [append, push, check] = (['fagsign', 'push', 'check'] as const).map((k) => rateOf(figures.append[k]));
console.log('append, one history (ten events) per append:');
console.log(`  fagsign appendToStream ${n(append!).padStart(9)} events/s   plain push into a Map of arrays ${n(push!).padStart(11)} events/s   ratio ${ratio(append!, push!)}`);
console.log(`  the read-back check alone (checkReadable) ${n(check!).padStart(9)} events/s: ${Math.round((100 * append!) / check!)} % of the append's time`);
console.log("  (Map of arrays: a record per event with a fresh UUID pushed to its stream's array, no checks; a read returns the array as stored)");
