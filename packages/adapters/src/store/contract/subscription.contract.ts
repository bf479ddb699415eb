import { describe, expect, it } from 'vitest';
import { vigoUpdated } from './sample-history.js';
import { collect, iteratorOf, take, type SuiteContext } from './context.js';
import type { EventStore } from '../event-store.js';

const appendMany = async (ctx: SuiteContext, store: EventStore, tag: string, from: number, count: number): Promise<void> => {
  for (let i = from; i < from + count; i++) await store.appendToStream(ctx.stream(tag, i % 4), [{ event: vigoUpdated(ctx.contractId(tag, i % 4), i) }]);
};

export const subscriptionContract = (ctx: SuiteContext): void => {
  describe('catch-up subscriptions', () => {
    it('a subscription restarted from its checkpoint sees every event exactly once, stored and live', async () => {
      const store = await ctx.open('s1');
      await appendMany(ctx, store, 's1', 0, 30);

      const first = store.subscribe({ batchSize: 8, pollIntervalMs: 50 });
      const seenFirst = await take(iteratorOf(first), 12);
      await first.close();
      const checkpoint = seenFirst.at(-1)!.checkpoint;

      await appendMany(ctx, store, 's1', 30, 10); // while nobody listens
      const second = store.subscribe({ after: checkpoint, batchSize: 8, pollIntervalMs: 50 });
      const iterator = iteratorOf(second);
      const caughtUp = await take(iterator, 28);
      const live = appendMany(ctx, store, 's1', 40, 10); // while the subscription waits
      const seenLive = await take(iterator, 10);
      await live;
      await second.close();

      const seen = [...seenFirst, ...caughtUp, ...seenLive].map((e) => e.metadata.eventId);
      const all = (await collect(() => store.readAll())).map((e) => e.metadata.eventId);
      expect(all).toHaveLength(50);
      expect(seen).toEqual(all);
    });

    it('close() ends a subscription that is waiting for events', async () => {
      const store = await ctx.open('s2');
      await appendMany(ctx, store, 's2', 0, 2);
      const subscription = store.subscribe({ pollIntervalMs: 50 });
      const iterator = iteratorOf(subscription);
      expect(await take(iterator, 2)).toHaveLength(2);
      const waiting = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await subscription.close();
      expect(await waiting).toEqual({ done: true, value: undefined });
    });

    it('several subscribers each see the same events in the same order', async () => {
      const store = await ctx.open('s3');
      const subscribers = [store.subscribe({ pollIntervalMs: 50 }), store.subscribe({ pollIntervalMs: 50, batchSize: 3 })];
      const iterators = subscribers.map(iteratorOf);
      const received = Promise.all(iterators.map((it) => take(it, 20)));
      await appendMany(ctx, store, 's3', 0, 20);
      const [a, b] = await received;
      await Promise.all(subscribers.map((s) => s.close()));
      expect(a!.map((e) => e.checkpoint)).toEqual(b!.map((e) => e.checkpoint));
      expect(new Set(a!.map((e) => e.metadata.eventId)).size).toBe(20);
    });
  });
};
