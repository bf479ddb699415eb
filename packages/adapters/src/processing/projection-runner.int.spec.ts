/*
 * The projection runner on the processor core, on every store: the version pointer is a
 * compare-and-set (an older version never overwrites a newer one, even when both save at once),
 * one follower of a version holds its lease and saves while a second is a hot standby that
 * serves the same state and takes the saves over when the holder stops, and a catch-up while a
 * follower holds the lease is a read-only look. (The contracts projection's own runner tests, with
 * generated histories and the 100,000-event rebuild, are in @fagsign/projections.)
 */
import type { ContractEvent } from '@fagsign/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../store/event-store.js';
import { contractIdFor, runId } from '../store/contract/context.js';
import { vigoUpdated } from '../store/contract/sample-history.js';
import { storesUnderTest } from '../store/contract/stores-under-test.js';
import { checkpointStoreOf } from './checkpoint-stores.js';
import { catchUpProjection, followProjection } from './projection-runner.js';
import { loadPointer, NewerProjectionVersion, snapshotKey, switchPointer, type RunnableProjection } from './projection-snapshots.js';

const run = runId();

/** Events per contract: the smallest projection that shows what was folded. */
const counting = (name: string, version = 1): RunnableProjection<Map<string, number>> => ({
  name,
  version,
  initialState: () => new Map(),
  apply: (state, event: ContractEvent) => void state.set(event.data.contractId, (state.get(event.data.contractId) ?? 0) + 1),
  serialize: (state) => [...state],
  deserialize: (saved) => new Map(saved as [string, number][]),
});

const until = async (condition: () => boolean | Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 2000 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(await condition()).toBe(true);
};

for (const under of storesUnderTest()) {
  describe.skipIf(under.skipReason !== undefined)(`the projection runner on ${under.name}`, () => {
    let store: EventStore;
    let dispose: (() => Promise<void>) | undefined;
    const stream = (n: number) => `contract-${contractIdFor(`pr${run}`, n)}`;
    const append = async (n: number, count: number) => {
      for (let i = 0; i < count; i++) await store.appendToStream(stream(n), [{ event: vigoUpdated(contractIdFor(`pr${run}`, n), i) }]);
    };
    beforeAll(async () => {
      const fixture = await under.fixture();
      store = await fixture.open(`pr${run}`);
      dispose = fixture.dispose?.bind(fixture);
    });
    afterAll(async () => {
      await store?.close();
      await dispose?.();
    });

    it('switches the pointer by compare-and-set: an older version never writes over a newer one, even when both switch at once', async () => {
      const checkpoints = checkpointStoreOf(store);
      const name = `cas-${under.name}-${run}`;
      await switchPointer(checkpoints, { name, version: 2 }, { checkpoint: undefined, events: 5 });
      await expect(switchPointer(checkpoints, { name, version: 1 }, { checkpoint: undefined, events: 9 })).rejects.toBeInstanceOf(NewerProjectionVersion);
      expect(await loadPointer(checkpoints, name)).toEqual({ version: 2, checkpoint: undefined, events: 5 });
      const raced = await Promise.allSettled([3, 4, 3, 4, 3].map((version) => switchPointer(checkpoints, { name, version }, { checkpoint: undefined, events: version })));
      expect(raced.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof NewerProjectionVersion)).toBe(true);
      expect(await loadPointer(checkpoints, name)).toMatchObject({ version: 4 });
    });

    it('a save serialises the state at the call, so the runner hands over its live state without a copy', async () => {
      const checkpoints = checkpointStoreOf(store);
      const name = `serialise-${under.name}-${run}`;
      const state = { contracts: [{ id: 'a', orders: 1 }] };
      const saving = checkpoints.save(name, { checkpoint: undefined, state });
      state.contracts[0]!.orders = 2;
      state.contracts.push({ id: 'b', orders: 1 });
      await saving;
      expect((await checkpoints.load(name))?.state).toEqual({ contracts: [{ id: 'a', orders: 1 }] });
    });

    it('one follower of a version saves, a second is a hot standby that serves the same state and takes the saves over when the holder stops', async () => {
      const projection = counting(`lease-${under.name}-${run}`);
      await append(1, 3);
      const options = { saveEveryEvents: 1, pollIntervalMs: 20, leaseTtlMs: 60_000 };
      const holder = await followProjection(store, projection, options);
      const standby = await followProjection(store, projection, options);
      expect([holder.lease().held, standby.lease().held]).toEqual([true, false]);
      // a one-off catch-up meanwhile is a read-only look
      const look = await catchUpProjection(store, projection);
      expect(look.saved).toBe(false);
      expect(look.state.get(contractIdFor(`pr${run}`, 1))).toBe(holder.position.state.get(contractIdFor(`pr${run}`, 1)));

      await append(2, 2);
      await until(() => holder.position.events === standby.position.events && holder.position.state.get(contractIdFor(`pr${run}`, 2)) === 2);
      const checkpoints = checkpointStoreOf(store);
      await until(async () => (await checkpoints.load(snapshotKey(projection)))?.checkpoint === holder.position.checkpoint);

      await holder.stop();
      await append(2, 1);
      await until(() => standby.position.state.get(contractIdFor(`pr${run}`, 2)) === 3);
      await until(async () => (await checkpoints.load(snapshotKey(projection)))?.checkpoint === standby.position.checkpoint);
      expect(standby.lease().held).toBe(true);
      await standby.stop();
      expect((await catchUpProjection(store, projection)).applied).toBe(0);
    });

    it('a new version rebuilds beside the old one and takes over at the head; the old one then stops and cannot catch up', async () => {
      const v1 = counting(`versions-${under.name}-${run}`);
      const v2 = counting(v1.name, 2);
      await append(3, 2);
      const first = await catchUpProjection(store, v1);
      expect(first.saved).toBe(true);
      const follower = await followProjection(store, v1, { saveEveryEvents: 1, pollIntervalMs: 20 });
      const rebuilt = await catchUpProjection(store, v2);
      expect(rebuilt).toMatchObject({ rebuilt: true, saved: true, events: first.events });
      expect(await loadPointer(checkpointStoreOf(store), v1.name)).toMatchObject({ version: 2 });
      await append(3, 1);
      await expect(follower.done).rejects.toBeInstanceOf(NewerProjectionVersion);
      await expect(catchUpProjection(store, v1)).rejects.toBeInstanceOf(NewerProjectionVersion);
    });
  });
}
