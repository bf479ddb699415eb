import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleContractId, vigoUpdated } from '../contract/sample-history.js';
import { iteratorOf, take } from '../contract/context.js';
import { fakeRig, until, type FakeRig } from './fake/fake-esdb-testing.js';

/*
 * Subscriptions against the fake server's drops (issue 17, defects 1 and 7). A server restart, a
 * leader change or a proxy cutting idle connections drops a subscription; what counts is whether
 * the resubscription is confirmed, however many drops there are over time.
 */

let rig: FakeRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

describe('EventStoreDB subscriptions, dropped by the server', () => {
  it('defect 1: survives 100 confirmed drops over a quiet log, then delivers every later event exactly once, in order', async () => {
    rig = await fakeRig();
    const { fake } = rig;
    const store = await rig.open({ maxResubscribes: 10 });
    const subscription = store.subscribe();
    const iterator = iteratorOf(subscription);
    const firstEvent = iterator.next();
    for (let drop = 1; drop <= 100; drop++) {
      await until(() => fake.confirmedSubscriptions === drop, 10_000, `subscription ${drop} confirmed`);
      expect(fake.dropSubscriptions()).toBe(1);
    }
    await until(() => fake.confirmedSubscriptions === 101, 10_000, 'the last resubscription confirmed');

    const ids = Array.from({ length: 6 }, () => randomUUID());
    for (const [i, eventId] of ids.entries()) {
      await store.appendToStream(`contract-LK-2026-00000${i % 3}`, [{ event: vigoUpdated(sampleContractId(i % 3), i), eventId }]);
    }
    const first = await firstEvent;
    expect(first.done).toBe(false);
    const rest = await take(iterator, 5);
    expect([first.value!, ...rest].map((e) => e.metadata.eventId)).toEqual(ids);
    await subscription.close();
  }, 60_000);

  it('defect 7: close() during a resubscription the server has not confirmed returns at once, not after the deadline', async () => {
    rig = await fakeRig();
    const { fake } = rig;
    const store = await rig.open({ deadlineMs: 10_000 });
    const subscription = store.subscribe();
    const waiting = iteratorOf(subscription).next();
    await until(() => fake.confirmedSubscriptions === 1);
    fake.holdSubscriptions = true;
    fake.dropSubscriptions();
    await until(() => fake.openSubscriptions === 1, 10_000, 'the resubscription reached the server');

    const started = Date.now();
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await waiting).toEqual({ done: true, value: undefined });
  });

  it('gives up with StoreUnavailable only after maxResubscribes unconfirmed attempts in a row', async () => {
    rig = await fakeRig();
    const { fake } = rig;
    const store = await rig.open({ deadlineMs: 300, maxResubscribes: 2 });
    const subscription = store.subscribe();
    const waiting = iteratorOf(subscription).next();
    await until(() => fake.confirmedSubscriptions === 1);
    fake.holdSubscriptions = true;
    fake.dropSubscriptions();
    await expect(waiting).rejects.toMatchObject({ code: 'store-unavailable', operation: expect.stringMatching(/^subscribe/) });
  });
});
