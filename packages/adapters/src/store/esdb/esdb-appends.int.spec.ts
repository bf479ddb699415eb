import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { largeOrder, sampleContractId, vigoUpdated } from '../contract/sample-history.js';
import { InvalidAppend, VersionConflict } from '../errors.js';
import { fakeRig, type FakeRig } from './fake/fake-esdb-testing.js';

/*
 * Appends as the port promises them, against what the client and the server answer (issue 17,
 * defects 3, 4, 5 and the idempotent repeat of defect 8).
 */

let rig: FakeRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

const stream = 'contract-LK-2026-000001';
const event = (n = 0) => ({ event: vigoUpdated(sampleContractId(1), n) });
/** An event of about 1.15 MB in UTF-8: over the server's default maximum append size of 1 MiB. */
// Over 1 MiB as the server counts it, and every text field within the codecs' limits.
const large = () => ({ event: largeOrder(sampleContractId(1)) });

describe('EventStoreDB appends', () => {
  it('defect 3: with throwOnAppendFailure=false in the connection string, a conflict is still a VersionConflict', async () => {
    rig = await fakeRig();
    const store = await rig.open({}, `${rig.fake.url}&throwOnAppendFailure=false`);
    await store.appendToStream(stream, [event(1), event(2)]);
    const error = await store.appendToStream(stream, [event(3)], { expectedVersion: 'no-stream' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflict);
    expect(error).toMatchObject({ expected: 'no-stream', actual: 2 });
    const missing = await store.appendToStream('contract-LK-2026-000002', [event()], { expectedVersion: 1 }).then(() => undefined, (e: unknown) => e);
    expect(missing).toMatchObject({ code: 'version-conflict', expected: 1, actual: 0 });
    expect((await store.readStream(stream)).currentVersion).toBe(2);
  });

  it('defect 4: an empty append to a missing stream answers version 0, whatever the accepted expectation', async () => {
    rig = await fakeRig();
    const store = await rig.open();
    for (const expectedVersion of ['any', 'no-stream', 0] as const) {
      expect(await store.appendToStream(stream, [], { expectedVersion })).toEqual({ nextExpectedVersion: 0, lastCheckpoint: undefined });
    }
    await store.appendToStream(stream, [event(1), event(2)]);
    for (const expectedVersion of ['any', 'stream-exists', 2] as const) {
      expect((await store.appendToStream(stream, [], { expectedVersion })).nextExpectedVersion).toBe(2);
    }
  });

  it('defect 5: an append over the server\'s maximum append size is refused as InvalidAppend naming the limit, and nothing is written', async () => {
    rig = await fakeRig();
    const store = await rig.open();
    const error = await store.appendToStream(stream, [large()]).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAppend);
    expect((error as Error).message).toContain('maximum append size of 1048576 bytes');
    // many small events over the limit together: the same refusal, never a part of them written
    const many = Array.from({ length: 12_000 }, (_, i) => event(i));
    await expect(store.appendToStream(stream, many)).rejects.toBeInstanceOf(InvalidAppend);
    expect((await store.readStream(stream)).currentVersion).toBe(0);
  });

  it('defect 5: when the store is told a larger limit than the server has, the server\'s refusal is an InvalidAppend naming the server\'s limit', async () => {
    rig = await fakeRig();
    const store = await rig.open({ maxAppendSize: 4 * 1024 * 1024 });
    const error = await store.appendToStream(stream, [large()]).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAppend);
    expect((error as Error).message).toContain('1048576');
    const snapshot = await store.saveProjection('status-report', { version: 1, checkpoint: undefined, state: 'x'.repeat(1_100_000) }).then(() => undefined, (e: unknown) => e);
    expect(snapshot).toBeInstanceOf(InvalidAppend);
    expect((snapshot as Error).message).toContain('1048576');
  });

  it('defect 5: a snapshot grown past the maximum append size is refused as InvalidAppend naming the limit, not StoreUnavailable; the last one saved stays', async () => {
    rig = await fakeRig();
    const store = await rig.open();
    const small = { version: 1, checkpoint: undefined, state: { offices: 3 } };
    await store.saveProjection('status-report', small);
    const grown = { version: 1, checkpoint: undefined, state: { names: 'Åse Sæther '.repeat(100_000) } };
    const error = await store.saveProjection('status-report', grown).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAppend);
    expect((error as Error).message).toContain('maximum append size of 1048576 bytes');
    expect(await store.loadProjection('status-report')).toEqual({ version: 1, state: { offices: 3 } });
  });

  it('defect 8: a repeated append of stored event ids answers with the version and no checkpoint, as the port says', async () => {
    rig = await fakeRig();
    const store = await rig.open();
    const events = [1, 2].map((n) => ({ ...event(n), eventId: randomUUID() }));
    const first = await store.appendToStream(stream, events, { expectedVersion: 'no-stream' });
    expect(first.lastCheckpoint).toMatch(/^\d+\/\d+$/);
    expect(await store.appendToStream(stream, events, { expectedVersion: 'no-stream' })).toEqual({ nextExpectedVersion: 2, lastCheckpoint: undefined });
    expect(await store.appendToStream(stream, events, { expectedVersion: 'any' })).toEqual({ nextExpectedVersion: 2, lastCheckpoint: undefined });
    const next = await store.appendToStream(stream, [{ ...event(3), eventId: randomUUID() }], { expectedVersion: 2 });
    expect(next.nextExpectedVersion).toBe(3);
    expect(next.lastCheckpoint).toMatch(/^\d+\/\d+$/);
  });
});
