import { describe, expect, it } from 'vitest';
import { archived, largeOrder, sampleRegistration, decideAll, vigoUpdated } from './sample-history.js';
import { collect, stored, storedOf, type SuiteContext } from './context.js';

const norwegian = 'Æ Ø Å æ ø å — Opplæringskontoret for offentlig sektor i Østfold, Sæther & Østby, «fagbrev» 🚀 ';

export const payloadContract = (ctx: SuiteContext): void => {
  describe('payloads', () => {
    it('keeps æøå, quotes and emoji exactly, in data and in personal values', async () => {
      const store = await ctx.open('p1');
      const events = [...decideAll([sampleRegistration(ctx.contractId('p1', 1), 7)]), archived(ctx.contractId('p1', 1), norwegian.repeat(3))];
      await store.appendToStream(ctx.stream('p1', 1), events.map((event) => ({ event })));
      expect(storedOf((await store.readStream(ctx.stream('p1', 1))).events)).toEqual(stored(events));
      expect(storedOf(await collect(() => store.readAll()))).toEqual(stored(events));
    });

    it('stores a 1 MB event and a batch of 500 events whole', async () => {
      const store = await ctx.open('p2');
      const large = largeOrder(ctx.contractId('p2', 1));
      await store.appendToStream(ctx.stream('p2', 1), [{ event: large }]);
      const batch = Array.from({ length: 500 }, (_, i) => vigoUpdated(ctx.contractId('p2', 2), i));
      const result = await store.appendToStream(ctx.stream('p2', 2), batch.map((event) => ({ event })), { expectedVersion: 'no-stream' });
      expect(result.nextExpectedVersion).toBe(500);
      expect(storedOf((await store.readStream(ctx.stream('p2', 1))).events)).toEqual(stored([large]));
      expect(storedOf((await store.readStream(ctx.stream('p2', 2))).events)).toEqual(stored(batch));
    });
  });
};
