import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchUpProjection, followProjection, checkpointStoreOf, loadPointer, snapshotKey, NewerProjectionVersion, type Progress, type ProjectionFollower } from '@fagsign/adapters';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents, type Projection } from '../projection.js';
import { fakeStore } from '../testing/fake-store.js';
import { historyArb } from '../testing/histories.js';
import type { ContractsState } from '../contracts/summary.js';

const saved = (state: ContractsState): unknown => JSON.parse(JSON.stringify(contractsProjection.serialize(state)));

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
};

/** What a process does between two appends: keep following, restart the follower, or run a one-off catch-up. */
const actionArb = fc.constantFrom('keep', 'restart', 'catch-up', 'keep', 'keep');

describe('the projection runner', () => {
  it('a rebuild from scratch equals the live projection built incrementally, with random restarts from checkpoints', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), fc.array(fc.tuple(fc.nat(), actionArb), { maxLength: 8 }), fc.integer({ min: 1, max: 7 }), async (history, cuts, saveEvery) => {
        const store = fakeStore();
        const options = { saveEveryEvents: saveEvery, batchSize: 3 };
        let follower: ProjectionFollower<ContractsState> = await followProjection(store, contractsProjection, options);
        const points = [...new Set(cuts.map(([n]) => n % (history.events.length + 1)))].sort((a, b) => a - b);
        let appended = 0;
        for (const [i, point] of points.entries()) {
          store.append(history.events.slice(appended, point));
          appended = point;
          await until(() => follower.position.events === appended);
          const action = cuts[i]![1];
          if (action === 'restart') {
            await follower.stop();
            follower = await followProjection(store, contractsProjection, options);
          } else if (action === 'catch-up') {
            const once = await catchUpProjection(store, contractsProjection);
            expect(saved(once.state)).toEqual(saved(foldEvents(contractsProjection, history.events.slice(0, appended))));
          }
        }
        store.append(history.events.slice(appended));
        await until(() => follower.position.events === history.events.length);
        await follower.stop();

        const rebuilt = await catchUpProjection(fakeStore(history.events), contractsProjection);
        expect(rebuilt.rebuilt).toBe(true);
        expect(saved(follower.position.state)).toEqual(saved(rebuilt.state));
        const restarted = await catchUpProjection(store, contractsProjection);
        expect(restarted.applied).toBe(0);
        expect(saved(restarted.state)).toEqual(saved(rebuilt.state));
      }),
      { numRuns: 60 },
    );
  });

  it('every snapshot it saves holds exactly the events up to its own checkpoint, so a crash never counts an event twice', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb({ maxSteps: 60 }), async (history) => {
        const store = fakeStore(history.events);
        const snapshots: { checkpoint: string | undefined; state: unknown }[] = [];
        const save = store.saveProjection.bind(store);
        store.saveProjection = async (name, snapshot) => {
          if (name === snapshotKey(contractsProjection)) snapshots.push(JSON.parse(JSON.stringify(snapshot)));
          await save(name, snapshot);
        };
        const follower = await followProjection(store, contractsProjection, { saveEveryEvents: 2, saveEveryMs: 0, batchSize: 4 });
        store.append(history.events.slice(0, 5));
        await until(() => follower.position.events === history.events.length + Math.min(5, history.events.length));
        await follower.stop();
        const log = [...history.events, ...history.events.slice(0, 5)];
        for (const snapshot of snapshots) {
          const upTo = snapshot.checkpoint === undefined ? 0 : Number(snapshot.checkpoint);
          const expected = { events: upTo, data: saved(foldEvents(contractsProjection, log.slice(0, upTo))) };
          expect(snapshot.state).toEqual(expected);
        }
        expect(snapshots.length).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  it('rebuilds a new version beside the old one, takes over when caught up, and stops a follower of the old version', async () => {
    // Any history with an eleventh event will do; a fixed seed keeps the run repeatable.
    const history = fc.sample(historyArb({ maxSteps: 60 }), { numRuns: 20, seed: 7 }).find((h) => h.events.length > 10)!;
    const store = fakeStore(history.events.slice(0, 10));
    const v1 = await followProjection(store, contractsProjection, { saveEveryEvents: 1 });
    const v1Snapshot = await store.loadProjection(snapshotKey(contractsProjection));

    const v2: Projection<ContractsState> = { ...contractsProjection, version: 2 };
    const progress: Progress[] = [];
    const taken = await catchUpProjection(store, v2, { onProgress: (p) => progress.push(p) });
    expect(taken.rebuilt).toBe(true);
    expect(taken.events).toBe(10);
    expect(await store.loadProjection(snapshotKey(contractsProjection))).toEqual(v1Snapshot);
    expect(await loadPointer(checkpointStoreOf(store), 'contracts')).toMatchObject({ version: 2, events: 10 });
    expect(progress.at(-1)).toMatchObject({ projection: 'contracts', events: 10, done: true, etaMs: 0 });

    store.append(history.events.slice(10, 11));
    await expect(v1.done).rejects.toBeInstanceOf(NewerProjectionVersion);
    await expect(catchUpProjection(store, contractsProjection)).rejects.toThrow(/taken over by version 2/);
  });

  it('reports progress with events done, events per second and, given an estimate, the time left', async () => {
    const history = fc.sample(historyArb({ maxContracts: 6, maxSteps: 80 }), { numRuns: 40, seed: 3 }).flatMap((h) => h.events);
    const events = Array.from({ length: 12 }, () => history).flat();
    const progress: Progress[] = [];
    await catchUpProjection(fakeStore(events), contractsProjection, { onProgress: (p) => progress.push(p), expectedEvents: events.length * 2, save: false });
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ events: events.length, done: true, expectedEvents: events.length * 2 });
    expect(last.eventsPerSecond).toBeGreaterThan(0);
    for (const p of progress.slice(0, -1)) {
      expect(p.events).toBeLessThan(events.length);
      expect(p.etaMs).toBeGreaterThan(0);
    }
  });
});
