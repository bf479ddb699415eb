import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VersionConflict } from '../errors.js';
import { vigoUpdated } from './sample-history.js';
import { settle, type SuiteContext } from './context.js';

const writers = 8;

export const concurrencyContract = (ctx: SuiteContext): void => {
  describe('writers racing on one stream', () => {
    it(`${writers} writers racing for each of 10 versions: exactly one wins each, the others get a VersionConflict`, async () => {
      const store = await ctx.open('c1');
      const stream = ctx.stream('c1', 1);
      const winners: string[] = [];
      for (let version = 0; version < 10; version++) {
        const ids = Array.from({ length: writers }, () => randomUUID());
        const { won, lost } = await settle(
          ids.map((eventId, w) =>
            store
              .appendToStream(stream, [{ event: vigoUpdated(ctx.contractId('c1', 1), w), eventId }], { expectedVersion: version })
              .then((result) => ({ result, eventId })),
          ),
        );
        expect(won).toHaveLength(1);
        expect(won[0]!.result.nextExpectedVersion).toBe(version + 1);
        expect(lost).toHaveLength(writers - 1);
        for (const error of lost) {
          expect(error).toBeInstanceOf(VersionConflict);
          expect(error).toMatchObject({ expected: version, actual: version + 1 });
        }
        winners.push(won[0]!.eventId);
      }
      const { events, currentVersion } = await store.readStream(stream);
      expect(currentVersion).toBe(10);
      expect(events.map((e) => e.metadata.eventId)).toEqual(winners);
    });

    it(`${writers} writers racing to create a stream: exactly one 'no-stream' append wins`, async () => {
      const store = await ctx.open('c2');
      const stream = ctx.stream('c2', 1);
      const { won, lost } = await settle(
        Array.from({ length: writers }, (_, w) =>
          store.appendToStream(stream, [{ event: vigoUpdated(ctx.contractId('c2', 1), w) }, { event: vigoUpdated(ctx.contractId('c2', 1), w) }], {
            expectedVersion: 'no-stream',
          }),
        ),
      );
      expect(won.map((r) => r.nextExpectedVersion)).toEqual([2]);
      expect(lost.every((e) => e instanceof VersionConflict && e.actual === 2)).toBe(true);
      expect((await store.readStream(stream)).currentVersion).toBe(2);
    });

    it(`${writers} writers appending with 'any' at once: nothing lost, nothing duplicated, versions without gaps`, async () => {
      const store = await ctx.open('c3');
      const stream = ctx.stream('c3', 1);
      const perWriter = 15;
      const ids = Array.from({ length: writers }, () => Array.from({ length: perWriter }, () => [randomUUID(), randomUUID()] as const));
      await Promise.all(
        ids.map(async (mine, w) => {
          for (const [a, b] of mine) {
            await store.appendToStream(stream, [
              { event: vigoUpdated(ctx.contractId('c3', 1), w), eventId: a },
              { event: vigoUpdated(ctx.contractId('c3', 1), w), eventId: b },
            ]);
          }
        }),
      );
      const { events, currentVersion } = await store.readStream(stream);
      expect(currentVersion).toBe(writers * perWriter * 2);
      expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
      expect(new Set(events.map((e) => e.metadata.eventId))).toEqual(new Set(ids.flat(2)));
      // a batch stays together: the second event of each append directly follows the first
      const position = new Map(events.map((e, i) => [e.metadata.eventId, i]));
      for (const [a, b] of ids.flat()) expect(position.get(b)).toBe(position.get(a)! + 1);
    });
  });
};
