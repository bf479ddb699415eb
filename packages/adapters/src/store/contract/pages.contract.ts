import type { ContractEvent } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import { StoredEventUnreadable } from '../errors.js';
import type { RecordedEvent } from '../event-store.js';
import { vigoUpdated } from './sample-history.js';
import { collect, type SuiteContext } from './context.js';

/** Every page of a paged read, or the pages before its failure and the failure. */
const pagesOf = async (iterable: AsyncIterable<readonly RecordedEvent<ContractEvent>[]>): Promise<{ pages: (readonly RecordedEvent<ContractEvent>[])[]; error: unknown }> => {
  const pages: (readonly RecordedEvent<ContractEvent>[])[] = [];
  try {
    for await (const page of iterable) pages.push(page);
  } catch (error) {
    return { pages, error };
  }
  return { pages, error: undefined };
};

const ids = (events: readonly RecordedEvent<ContractEvent>[]): string[] => events.map((e) => e.metadata.eventId);

export const pagesContract = (ctx: SuiteContext): void => {
  describe('the global log a page at a time (readAllPages)', () => {
    it('gives the events of readAll in the same order, in pages of at most batchSize that are never empty, from any checkpoint', async () => {
      const store = await ctx.open('pg1');
      for (let v = 0; v < 23; v++) await store.appendToStream(ctx.stream('pg1', v % 4), [{ event: vigoUpdated(ctx.contractId('pg1', v % 4), v) }]);
      const all = await collect(() => store.readAll());
      expect(all).toHaveLength(23);
      for (const batchSize of [1, 5, 23, 1000]) {
        const { pages, error } = await pagesOf(store.readAllPages({ batchSize }));
        expect(error).toBeUndefined();
        for (const page of pages) {
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(batchSize);
        }
        expect(ids(pages.flat())).toEqual(ids(all));
        expect(pages.flat().map((e) => e.checkpoint)).toEqual(all.map((e) => e.checkpoint));
      }
      for (const cut of [0, 9, 21, 22]) {
        const { pages } = await pagesOf(store.readAllPages({ after: all[cut]!.checkpoint, batchSize: 4 }));
        expect(ids(pages.flat())).toEqual(ids(all.slice(cut + 1)));
      }
      // at the end of the log: no page at all, not an empty one
      expect((await pagesOf(store.readAllPages({ after: all.at(-1)!.checkpoint }))).pages).toEqual([]);
    });

    it('stops at an unreadable event where it stands: the events before it come as pages, then StoredEventUnreadable', async () => {
      const store = await ctx.open('pg2');
      const stream = ctx.stream('pg2', 1);
      const good = (i: number) => ({ event: vigoUpdated(ctx.contractId('pg2', 1), i) });
      await store.appendToStream(stream, [good(1), good(2), good(3)]);
      await ctx.fixture.writeRaw(store, stream, { eventType: 'ContractTeleported', schemaVersion: 1, json: '{"to":"Mars"}' });
      await store.appendToStream(stream, [good(5)], { expectedVersion: 4 });
      for (const batchSize of [2, 3, 10]) {
        const { pages, error } = await pagesOf(store.readAllPages({ batchSize }));
        expect(pages.flat().map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        for (const page of pages) expect(page.length).toBeGreaterThan(0);
        expect(error).toBeInstanceOf(StoredEventUnreadable);
        expect(error).toMatchObject({ streamName: stream, streamVersion: 4 });
        const { pages: rest } = await pagesOf(store.readAllPages({ after: (error as StoredEventUnreadable).checkpoint, batchSize }));
        expect(rest.flat().map((e) => e.streamVersion)).toEqual([5]);
      }
    });
  });
};
