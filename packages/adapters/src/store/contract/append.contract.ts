import { randomUUID } from 'node:crypto';
import { encodeEvent } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import { InvalidAppend, InvalidCheckpoint } from '../errors.js';
import { signedContractHistory, vigoUpdated } from './sample-history.js';
import { collect, stored, storedOf, type SuiteContext } from './context.js';

export const appendAndReadContract = (ctx: SuiteContext): void => {
  describe('append and read back', () => {
    it('reads back a whole contract history with versions, ids and metadata', async () => {
      const store = await ctx.open('a1');
      const history = signedContractHistory(ctx.contractId('a1', 1));
      const ids = history.map(() => randomUUID());
      const before = Date.now();
      const result = await store.appendToStream(ctx.stream('a1', 1), history.map((event, i) => ({ event, eventId: ids[i]! })), {
        expectedVersion: 'no-stream',
        correlationId: 'corr-1',
        causationId: 'cause-1',
      });
      expect(result.nextExpectedVersion).toBe(history.length);
      expect(typeof result.lastCheckpoint).toBe('string');

      const read = await store.readStream(ctx.stream('a1', 1));
      expect(read.currentVersion).toBe(history.length);
      expect(storedOf(read.events)).toEqual(stored(history));
      expect(read.events.map((e) => e.streamVersion)).toEqual(history.map((_, i) => i + 1));
      expect(read.events.map((e) => e.metadata.eventId)).toEqual(ids);
      expect(read.events.at(-1)!.checkpoint).toBe(result.lastCheckpoint);
      for (const e of read.events) {
        expect(e.streamName).toBe(ctx.stream('a1', 1));
        expect(e.metadata.correlationId).toBe('corr-1');
        expect(e.metadata.causationId).toBe('cause-1');
        expect(e.metadata.schemaVersion).toBe(encodeEvent(e.event).schemaVersion);
        expect(e.metadata.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        const recorded = Date.parse(e.metadata.recordedAt);
        expect(recorded).toBeGreaterThanOrEqual(before - 5_000);
        expect(recorded).toBeLessThanOrEqual(Date.now() + 5_000);
      }
    });

    it('gives each event a fresh lower-case UUID when none is given, and no correlation by default', async () => {
      const store = await ctx.open('a2');
      await store.appendToStream(ctx.stream('a2', 1), [{ event: vigoUpdated(ctx.contractId('a2', 1)) }, { event: vigoUpdated(ctx.contractId('a2', 1), 1) }]);
      const { events } = await store.readStream(ctx.stream('a2', 1));
      const [first, second] = events.map((e) => e.metadata.eventId);
      expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(second).not.toBe(first);
      expect(events[0]!.metadata.correlationId).toBeUndefined();
      expect(events[0]!.metadata.causationId).toBeUndefined();
    });

    it('reads a missing stream as version 0 with no events', async () => {
      const store = await ctx.open('a3');
      expect(await store.readStream(ctx.stream('a3', 404))).toEqual({ currentVersion: 0, events: [] });
    });

    it('reads part of a stream from a version, at most maxCount events', async () => {
      const store = await ctx.open('a4');
      const events = Array.from({ length: 10 }, (_, i) => vigoUpdated(ctx.contractId('a4', 1), i));
      await store.appendToStream(ctx.stream('a4', 1), events.map((event) => ({ event })));
      const part = await store.readStream(ctx.stream('a4', 1), { fromVersion: 4, maxCount: 3 });
      expect(part.currentVersion).toBe(10);
      expect(part.events.map((e) => e.streamVersion)).toEqual([4, 5, 6]);
      expect(storedOf(part.events)).toEqual(stored(events.slice(3, 6)));
      const tail = await store.readStream(ctx.stream('a4', 1), { fromVersion: 9 });
      expect(tail.events.map((e) => e.streamVersion)).toEqual([9, 10]);
    });

    it('treats an empty append as a check of the expected version that writes nothing', async () => {
      const store = await ctx.open('a5');
      expect((await store.appendToStream(ctx.stream('a5', 1), [], { expectedVersion: 'no-stream' })).nextExpectedVersion).toBe(0);
      await store.appendToStream(ctx.stream('a5', 1), [{ event: vigoUpdated(ctx.contractId('a5', 1)) }]);
      expect((await store.appendToStream(ctx.stream('a5', 1), [], { expectedVersion: 1 })).nextExpectedVersion).toBe(1);
      await expect(store.appendToStream(ctx.stream('a5', 1), [], { expectedVersion: 'no-stream' })).rejects.toMatchObject({ code: 'version-conflict' });
      expect((await store.readStream(ctx.stream('a5', 1))).currentVersion).toBe(1);
    });

    it('refuses event ids that are not UUIDs, and bad expected versions, before writing anything', async () => {
      const store = await ctx.open('a6');
      const event = vigoUpdated(ctx.contractId('a6', 1));
      await expect(store.appendToStream(ctx.stream('a6', 1), [{ event, eventId: 'not-a-uuid' }])).rejects.toBeInstanceOf(InvalidAppend);
      await expect(store.appendToStream(ctx.stream('a6', 1), [{ event }], { expectedVersion: -1 })).rejects.toBeInstanceOf(InvalidAppend);
      await expect(store.appendToStream(ctx.stream('a6', 1), [{ event }], { expectedVersion: 1.5 })).rejects.toBeInstanceOf(InvalidAppend);
      expect((await store.readStream(ctx.stream('a6', 1))).currentVersion).toBe(0);
    });

    it('refuses a checkpoint it did not produce with a typed error', async () => {
      const store = await ctx.open('a7');
      await expect(collect(() => store.readAll({ after: 'no such checkpoint' }))).rejects.toBeInstanceOf(InvalidCheckpoint);
    });
  });
};
