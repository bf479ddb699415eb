import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DuplicateEventId, InvalidAppend } from '../errors.js';
import { vigoUpdated } from './sample-history.js';
import { collect, type SuiteContext } from './context.js';

export const idempotencyContract = (ctx: SuiteContext): void => {
  describe('idempotent appends by event id', () => {
    it('repeating an append with the same event ids and expected version writes nothing the second time', async () => {
      const store = await ctx.open('i1');
      const stream = ctx.stream('i1', 1);
      const events = [1, 2].map((i) => ({ event: vigoUpdated(ctx.contractId('i1', 1), i), eventId: randomUUID() }));
      const first = await store.appendToStream(stream, events, { expectedVersion: 'no-stream' });
      const again = await store.appendToStream(stream, events, { expectedVersion: 'no-stream' });
      expect(first.nextExpectedVersion).toBe(2);
      expect(again.nextExpectedVersion).toBe(2);
      expect((await store.readStream(stream)).events.map((e) => e.metadata.eventId)).toEqual(events.map((e) => e.eventId));
      expect(await collect(() => store.readAll())).toHaveLength(2);
    });

    it('refuses an append that repeats an event id within itself', async () => {
      const store = await ctx.open('i2');
      const eventId = randomUUID();
      const event = vigoUpdated(ctx.contractId('i2', 1));
      await expect(store.appendToStream(ctx.stream('i2', 1), [{ event, eventId }, { event, eventId }])).rejects.toBeInstanceOf(InvalidAppend);
    });

    it.runIf(ctx.idempotency === 'strict')('strict: stored ids are a no-op whatever the expected version; a partial or cross-stream reuse writes nothing', async () => {
      const store = await ctx.open('i3');
      const stream = ctx.stream('i3', 1);
      const event = (i: number) => vigoUpdated(ctx.contractId('i3', 1), i);
      const first = [1, 2].map((i) => ({ event: event(i), eventId: randomUUID() }));
      await store.appendToStream(stream, first);
      await store.appendToStream(stream, [{ event: event(3) }]);

      for (const expectedVersion of ['any', 'no-stream', 0, 3] as const) {
        const repeated = await store.appendToStream(stream, first, { expectedVersion });
        expect(repeated).toEqual({ nextExpectedVersion: 2, lastCheckpoint: undefined });
      }
      // ids are compared as UUIDs, whatever their case
      const upper = first.map((e) => ({ ...e, eventId: e.eventId.toUpperCase() }));
      expect((await store.appendToStream(stream, upper)).nextExpectedVersion).toBe(2);

      // the stored id comes last, so a store that writes row by row must roll back the rows before it
      const partial = [{ event: event(5), eventId: randomUUID() }, first[1]!];
      await expect(store.appendToStream(stream, partial)).rejects.toBeInstanceOf(DuplicateEventId);
      await expect(store.appendToStream(ctx.stream('i3', 2), [first[0]!])).rejects.toMatchObject({ code: 'duplicate-event-id', streamName: ctx.stream('i3', 2) });
      expect((await store.readStream(stream)).currentVersion).toBe(3);
      expect((await store.readStream(ctx.stream('i3', 2))).currentVersion).toBe(0);
      expect(await collect(() => store.readAll())).toHaveLength(3);
    });
  });
};
