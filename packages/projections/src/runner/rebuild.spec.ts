import { describe, expect, it } from 'vitest';
import { catchUpProjection, followProjection, checkpointStoreOf, loadPointer, snapshotKey } from '@fagsign/adapters';
import { contractsProjection } from '../contracts/projection.js';
import type { Projection } from '../projection.js';
import type { ContractsState } from '../contracts/summary.js';
import { fakeStore } from '../testing/fake-store.js';
import { benchLog } from '../../bench/lifecycles.js';

/*
 * A new version rebuilds beside the old one over 100,000 events, saving after every page of 500: the old
 * version stays current (its follower keeps serving) until the new one has reached the head, and a
 * crash in the middle of the rebuild leaves the old version current.
 */

const v2: Projection<ContractsState> = { ...contractsProjection, version: 2 };
const log = benchLog(100_000);

class SimulatedCrash extends Error {}

describe('side-by-side rebuilds', () => {
  it('over 100,000 events with a small save interval: v1 stays current and serving until v2 reaches the head', async () => {
    const store = fakeStore(log);
    const v1 = await followProjection(store, contractsProjection, { saveEveryEvents: 10_000 });
    let v1Stopped = false;
    v1.done.catch(() => (v1Stopped = true));
    const save = store.saveProjection.bind(store);
    const pointersDuringRebuild: (number | undefined)[] = [];
    store.saveProjection = async (name, snapshot) => {
      if (name === snapshotKey(v2)) pointersDuringRebuild.push((await loadPointer(checkpointStoreOf(store), 'contracts'))?.version);
      await save(name, snapshot);
    };

    const rebuilt = await catchUpProjection(store, v2, { saveEveryMs: 0, batchSize: 500 });

    expect(rebuilt.events).toBe(log.length);
    expect(pointersDuringRebuild.length).toBeGreaterThan(20);
    // Every save of v2 (the last one included, which writes the pointer after it) found v1 current.
    expect(new Set(pointersDuringRebuild)).toEqual(new Set([1]));
    expect(v1Stopped).toBe(false);
    expect(await loadPointer(checkpointStoreOf(store), 'contracts')).toMatchObject({ version: 2, events: log.length });
    await v1.stop().catch(() => undefined);
  });

  it('a crash in the middle of the rebuild leaves v1 current, its follower serving, and v1 still able to catch up', async () => {
    const store = fakeStore(log);
    const v1 = await followProjection(store, contractsProjection, { saveEveryEvents: 1 });
    const save = store.saveProjection.bind(store);
    let v2Saves = 0;
    store.saveProjection = async (name, snapshot) => {
      if (name === snapshotKey(v2) && ++v2Saves === 10) throw new SimulatedCrash('killed mid-rebuild');
      await save(name, snapshot);
    };

    await expect(catchUpProjection(store, v2, { saveEveryMs: 0, batchSize: 500 })).rejects.toBeInstanceOf(SimulatedCrash);

    expect(await loadPointer(checkpointStoreOf(store), 'contracts')).toMatchObject({ version: 1 });
    store.append(log.slice(0, 3));
    for (let i = 0; i < 1000 && v1.position.events < log.length + 3; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(v1.position.events).toBe(log.length + 3);
    await v1.stop();
    expect((await catchUpProjection(store, contractsProjection)).events).toBe(log.length + 3);
    expect(await loadPointer(checkpointStoreOf(store), 'contracts')).toMatchObject({ version: 1 });
  });
});
