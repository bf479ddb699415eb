import { randomUUID } from 'node:crypto';
import { contractStreamName, encodeEvent, parseContractId, type ContractEvent, type ContractId } from '@fagsign/domain';
import type { EventStore, EventSubscription, RecordedEvent } from '../event-store.js';

/** A stored event as a broken or foreign writer might leave it: any type, version and JSON text. */
export interface RawStoredEvent {
  readonly eventType: string;
  readonly schemaVersion: number;
  readonly json: string;
}

/**
 * What each adapter gives the contract suite. `open(scope)` returns a store in which the suite sees
 * only streams named `contract-<scope>-…`: a fresh, empty store where the store can make one
 * (memory, SQLite file, PostgreSQL schema), a filtered view of a shared server otherwise (EventStoreDB).
 */
export interface EventStoreFixture {
  open(scope: string): Promise<EventStore>;
  /** Stores an event as-is, bypassing the serializer, at the end of the stream. */
  writeRaw(store: EventStore, streamName: string, raw: RawStoredEvent): Promise<void>;
  /** Releases what the fixture holds (temporary files, schemas). */
  dispose?(): Promise<void>;
}

/**
 * 'strict': an append whose ids are all stored in the stream is a no-op whatever its expected
 * version, and a partial overlap is a DuplicateEventId (memory, SQLite, PostgreSQL).
 * 'same-expected-version': the server deduplicates a repeated append with the same expected version.
 */
export type IdempotencyRule = 'strict' | 'same-expected-version';

export interface ContractSuiteOptions {
  /** The name shown in the output: `EventStore contract: <name>`. */
  readonly name: string;
  readonly idempotency: IdempotencyRule;
  /** Set when the store cannot run here (no server): the suite is skipped and the reason printed. */
  readonly skipReason?: string | undefined;
  /** Called once, when the first test needs a store. */
  readonly fixture: () => Promise<EventStoreFixture>;
}

export interface SuiteContext {
  readonly fixture: EventStoreFixture;
  readonly idempotency: IdempotencyRule;
  /** Opens a store for one test; the suite closes it after the test. */
  open(tag: string): Promise<EventStore>;
  /** A contract id and stream name unique to this run, the tag and n. */
  contractId(tag: string, n: number): ContractId;
  stream(tag: string, n: number): string;
}

export const runId = (): string => randomUUID().replace(/-/g, '').slice(0, 8);

export const contractIdFor = (scope: string, n: number): ContractId => {
  const id = parseContractId(`${scope}-${n}`);
  if (typeof id !== 'string') throw new Error(`test contract id: ${id.rule}`);
  return id;
};

export const streamFor = (scope: string, n: number): string => contractStreamName(contractIdFor(scope, n));

/** Events compared in their stored form: personal values compare by what they hold, not by identity. */
export const stored = (events: readonly ContractEvent[]): unknown[] => events.map((e) => encodeEvent(e));
export const storedOf = (recorded: readonly RecordedEvent[]): unknown[] => stored(recorded.map((r) => r.event));

export const collect = async <E>(iterable: () => AsyncIterable<RecordedEvent<E>>): Promise<RecordedEvent<E>[]> => {
  const out: RecordedEvent<E>[] = [];
  for await (const e of iterable()) out.push(e);
  return out;
};

/** Takes the next `count` events from a subscription, failing (not hanging) when they do not come in time. */
export const take = async <E>(
  iterator: AsyncIterator<RecordedEvent<E>>,
  count: number,
  timeoutMs = 15_000,
): Promise<RecordedEvent<E>[]> => {
  const out: RecordedEvent<E>[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`subscription delivered ${out.length} of ${count} events in ${timeoutMs} ms`)), Math.max(1, deadline - Date.now()));
    });
    try {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next.done) throw new Error(`subscription ended after ${out.length} of ${count} events`);
      out.push(next.value);
    } finally {
      clearTimeout(timer);
    }
  }
  return out;
};

export const iteratorOf = <E>(subscription: EventSubscription<E>): AsyncIterator<RecordedEvent<E>> => subscription[Symbol.asyncIterator]();

/** Settles every promise and sorts the outcomes, for races where some must fail. */
export const settle = async <T>(promises: readonly Promise<T>[]): Promise<{ won: T[]; lost: unknown[] }> => {
  const results = await Promise.allSettled(promises);
  return {
    won: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    lost: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
  };
};
