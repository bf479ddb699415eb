import type { ContractEvent } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store.js';
import { signedContractHistory, vigoUpdated } from './sample-history.js';
import { collect, stored, storedOf, type SuiteContext } from './context.js';

/*
 * What a caller holds, an event it appended or what a read returned, is not the store: changing it
 * changes nothing stored. A durable store hands out copies; a store that shares its objects (memory)
 * freezes them, so the change throws instead. Either way the next read sees what was appended.
 */

/** A deep copy of the stored form, taken before anything is changed (encoding may share objects with the event). */
const snapshotOf = (events: readonly ContractEvent[]): unknown => JSON.parse(JSON.stringify(stored(events)));

/** Tries a change; a frozen object refuses it with a TypeError, which is one of the two allowed outcomes. */
const attempt = (change: () => void): void => {
  try {
    change();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
};

type Loose = Record<string, unknown> & { parties?: Record<string, unknown>[] };
const dataOf = (event: ContractEvent): Loose => event.data as unknown as Loose;

/** Every kind of change a careless caller could make to events: fields, nested lists and their items. */
const tamperWith = (events: readonly ContractEvent[]): void => {
  for (const event of events) {
    attempt(() => (dataOf(event).contractId = 'LK-2099-999999'));
    attempt(() => (dataOf(event).at = '1999-01-01T00:00:00.000Z'));
    attempt(() => dataOf(event).parties?.pop());
    attempt(() => (dataOf(event).parties![0]!.role = 'daglig-leder'));
  }
};

export const isolationContract = (ctx: SuiteContext): void => {
  describe('what a caller holds is not the store', () => {
    it('an event changed after it was appended reads back as it was appended', async () => {
      const store = await ctx.open('h1');
      const history = signedContractHistory(ctx.contractId('h1', 1));
      const before = snapshotOf(history);
      await store.appendToStream(ctx.stream('h1', 1), history.map((event) => ({ event })));
      tamperWith(history);
      expect(storedOf((await store.readStream(ctx.stream('h1', 1))).events)).toEqual(before);
      expect(storedOf(await collect(() => store.readAll()))).toEqual(before);
    });

    it('changing what a read returned changes neither the next read nor the global log', async () => {
      const store = await ctx.open('h2');
      const history = signedContractHistory(ctx.contractId('h2', 1));
      const before = snapshotOf(history);
      await store.appendToStream(ctx.stream('h2', 1), history.map((event) => ({ event })));
      const read = await store.readStream(ctx.stream('h2', 1));
      const ids = read.events.map((e) => e.metadata.eventId);
      const events = read.events as RecordedEvent[];
      tamperWith(events.map((e) => e.event));
      attempt(() => ((events[0] as { streamVersion: number }).streamVersion = 7));
      attempt(() => ((events[0]!.metadata as { eventId: string }).eventId = ids[1]!));
      attempt(() => (events[0] as { event: unknown }).event = events[1]!.event);
      attempt(() => events.push(events[0]!));
      attempt(() => events.reverse());
      const again = await store.readStream(ctx.stream('h2', 1));
      expect(storedOf(again.events)).toEqual(before);
      expect(again.events.map((e) => e.streamVersion)).toEqual(history.map((_, i) => i + 1));
      expect(again.events.map((e) => e.metadata.eventId)).toEqual(ids);
      expect(storedOf(await collect(() => store.readAll()))).toEqual(before);
      // a part of the stream likewise
      const part = await store.readStream(ctx.stream('h2', 1), { fromVersion: 2, maxCount: 3 });
      attempt(() => (part.events as RecordedEvent[]).splice(0, 1));
      tamperWith(part.events.map((e) => e.event));
      expect(storedOf((await store.readStream(ctx.stream('h2', 1), { fromVersion: 2, maxCount: 3 })).events)).toEqual((before as unknown[]).slice(1, 4));
    });

    it('a read already returned stays as it was when the stream grows', async () => {
      const store = await ctx.open('h3');
      const stream = ctx.stream('h3', 1);
      await store.appendToStream(stream, [{ event: vigoUpdated(ctx.contractId('h3', 1), 0) }]);
      const first = await store.readStream(stream);
      const firstAgain = await store.readStream(stream);
      await store.appendToStream(stream, [{ event: vigoUpdated(ctx.contractId('h3', 1), 1) }], { expectedVersion: 1 });
      expect([first.currentVersion, first.events.length, firstAgain.events.length]).toEqual([1, 1, 1]);
      const second = await store.readStream(stream);
      expect([second.currentVersion, second.events.length]).toEqual([2, 2]);
      expect(second.events.map((e) => e.streamVersion)).toEqual([1, 2]);
      // and a long stream likewise (the memory store makes a long stream's list on read, not on append)
      const long = ctx.stream('h3', 2);
      await store.appendToStream(long, Array.from({ length: 300 }, (_, i) => ({ event: vigoUpdated(ctx.contractId('h3', 2), i) })));
      const before = await store.readStream(long);
      await store.appendToStream(long, [{ event: vigoUpdated(ctx.contractId('h3', 2), 300) }], { expectedVersion: 300 });
      const after = await store.readStream(long);
      expect([before.currentVersion, before.events.length, after.currentVersion, after.events.length]).toEqual([300, 300, 301, 301]);
      expect(after.events.at(-1)!.streamVersion).toBe(301);
    });
  });
};
