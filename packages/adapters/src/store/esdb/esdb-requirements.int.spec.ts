import { afterEach, describe, expect, it } from 'vitest';
import { sampleContractId, vigoUpdated } from '../contract/sample-history.js';
import { collect, iteratorOf } from '../contract/context.js';
import { InvalidCheckpoint, StoreRequirementUnmet, StreamDeleted } from '../errors.js';
import { openEsdbEventStore } from './esdb-event-store.js';
import { fakeRig, type FakeRig } from './fake/fake-esdb-testing.js';

/*
 * What the store needs of its server and its user, checked at open, and the typed errors for what
 * the server refuses later (issue 17, defects 6 and 8).
 */

let rig: FakeRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

const stream = 'contract-LK-2026-000001';
const event = (n = 0) => ({ event: vigoUpdated(sampleContractId(1), n) });

describe('EventStoreDB server requirements', () => {
  for (const [version, says] of [['22.4.0', 'is version 22.4.0'], ['21.10.9', 'is version 21.10.9'], ['20.10.5', 'reports no version']] as const) {
    it(`defect 6: refuses a server older than 22.6 at open with a clear message (${version})`, async () => {
      rig = await fakeRig({ serverVersion: version });
      const error = await openEsdbEventStore(rig.fake.url).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(StoreRequirementUnmet);
      expect((error as Error).message).toContain(says);
      expect((error as Error).message).toContain('needs EventStoreDB 22.6 or later');
    });
  }

  it('opens on 22.6 and later, whose stream reads carry the positions a checkpoint needs', async () => {
    rig = await fakeRig({ serverVersion: '22.6.0' });
    const store = await rig.open();
    const { lastCheckpoint } = await store.appendToStream(stream, [event()]);
    expect((await store.readStream(stream)).events[0]!.checkpoint).toBe(lastCheckpoint);
  });

  it('defect 8: a user who may not read $all is refused at open, naming the rights needed', async () => {
    rig = await fakeRig();
    rig.fake.denyAll = true;
    const error = await openEsdbEventStore(rig.fake.url).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreRequirementUnmet);
    expect((error as Error).message).toContain('may not read $all');
  });

  it('defect 8: reading or following $all without the right is StoreRequirementUnmet, not StoreUnavailable', async () => {
    rig = await fakeRig();
    const store = await rig.open({ maxResubscribes: 3 });
    rig.fake.denyAll = true;
    await expect(collect(() => store.readAll())).rejects.toBeInstanceOf(StoreRequirementUnmet);
    await expect(iteratorOf(store.subscribe()).next()).rejects.toBeInstanceOf(StoreRequirementUnmet);
  });

  it('defect 8: a deleted stream is StreamDeleted when read or written, not StoreUnavailable', async () => {
    rig = await fakeRig();
    const store = await rig.open();
    await store.appendToStream(stream, [event()]);
    rig.fake.log.tombstone(stream);
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamDeleted);
    await expect(store.appendToStream(stream, [event(1)])).rejects.toMatchObject({ code: 'stream-deleted', streamName: stream });
  });

  it('defect 8: a well-formed checkpoint that names no event of this server is InvalidCheckpoint, for reads and subscriptions', async () => {
    rig = await fakeRig();
    const store = await rig.open();
    const { lastCheckpoint } = await store.appendToStream(stream, [event(1), event(2)]);
    for (const foreign of ['12345/12345', '99999999/99999999']) {
      await expect(collect(() => store.readAll({ after: foreign }))).rejects.toBeInstanceOf(InvalidCheckpoint);
      await expect(iteratorOf(store.subscribe({ after: foreign })).next()).rejects.toBeInstanceOf(InvalidCheckpoint);
    }
    expect(await collect(() => store.readAll({ after: lastCheckpoint! }))).toEqual([]);
  });

  it('defect 8: a fractional fromVersion reads from the next whole version, as the other stores do', async () => {
    rig = await fakeRig();
    const store = await rig.open();
    await store.appendToStream(stream, [event(1), event(2), event(3)]);
    const read = await store.readStream(stream, { fromVersion: 1.5 });
    expect(read.events.map((e) => e.streamVersion)).toEqual([2, 3]);
    expect(read.currentVersion).toBe(3);
  });
});
