import { describe, expect, it } from 'vitest';
import { vigoUpdated } from './sample-history.js';
import { collect, type SuiteContext } from './context.js';

const streams = 20;
const perStream = 10;

export const globalOrderContract = (ctx: SuiteContext): void => {
  describe('the global log', () => {
    it(`${streams} streams written in parallel read back as one total order, every event exactly once`, async () => {
      const store = await ctx.open('g1');
      await Promise.all(
        Array.from({ length: streams }, async (_, s) => {
          for (let v = 0; v < perStream; v++) {
            await store.appendToStream(ctx.stream('g1', s), [{ event: vigoUpdated(ctx.contractId('g1', s), v) }], { expectedVersion: v });
          }
        }),
      );
      const all = await collect(() => store.readAll());
      expect(all).toHaveLength(streams * perStream);
      expect(new Set(all.map((e) => e.metadata.eventId)).size).toBe(all.length);
      expect(new Set(all.map((e) => e.checkpoint)).size).toBe(all.length);
      // within each stream the global order follows the stream's versions
      const lastVersion = new Map<string, number>();
      for (const e of all) {
        expect(e.streamVersion).toBe((lastVersion.get(e.streamName) ?? 0) + 1);
        lastVersion.set(e.streamName, e.streamVersion);
      }
      // the order is stable: small pages give the same sequence
      const paged = await collect(() => store.readAll({ batchSize: 7 }));
      expect(paged.map((e) => e.metadata.eventId)).toEqual(all.map((e) => e.metadata.eventId));
      // resuming after any checkpoint gives exactly the rest
      for (const cut of [0, 1, 57, 123, all.length - 2, all.length - 1]) {
        const rest = await collect(() => store.readAll({ after: all[cut]!.checkpoint, batchSize: 13 }));
        expect(rest.map((e) => e.metadata.eventId)).toEqual(all.slice(cut + 1).map((e) => e.metadata.eventId));
      }
    });

    it('reads the log in pages of batchSize, and stops at its end', async () => {
      const store = await ctx.open('g2');
      for (let v = 0; v < 25; v++) await store.appendToStream(ctx.stream('g2', v % 3), [{ event: vigoUpdated(ctx.contractId('g2', v % 3), v) }]);
      const pages = await collect(() => store.readAll({ batchSize: 10 }));
      expect(pages).toHaveLength(25);
      expect(await collect(() => store.readAll({ after: pages.at(-1)!.checkpoint }))).toEqual([]);
    });
  });
};
