import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleContractId, vigoUpdated } from '../contract/sample-history.js';
import { clientUsers } from './esdb-clients.js';
import { fakeRig, type FakeRig } from './fake/fake-esdb-testing.js';

/*
 * Several stores in one process (issue 17, defect 2 and the shared client). `fagsign copy` from one
 * EventStoreDB to another has two stores open at once and closes the source while it still writes
 * to the target.
 */

const rigs: FakeRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.dispose()));
});

const event = (n: number) => ({ event: vigoUpdated(sampleContractId(n % 7), n), eventId: randomUUID() });

describe('EventStoreDB stores sharing a process', () => {
  it('defect 2: two stores on two servers; closing one while the other appends loses nothing and crashes nothing', async () => {
    const [source, target] = [await fakeRig(), await fakeRig()];
    rigs.push(source, target);
    const from = await source.open();
    const to = await target.open();
    // Both have appended before, so each has its connection and calls open.
    await from.appendToStream('contract-LK-2026-000001', [event(0)]);
    await to.appendToStream('contract-LK-2026-000001', [event(0)]);

    for (let round = 0; round < 3; round++) {
      const batch = Array.from({ length: 40 }, (_, i) => event(round * 100 + i));
      const appends = batch.map((e, i) => to.appendToStream(`contract-LK-2026-00001${i % 5}`, [e]));
      if (round === 0) await from.close();
      const results = await Promise.allSettled(appends);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    }
    const written = target.fake.log.all.filter((e) => e.streamName.startsWith('contract-')).length;
    expect(written).toBe(1 + 3 * 40);
  });

  it('one client per connection string: stores opened with it share it, and it lives until the last one closes', async () => {
    const rig = await fakeRig();
    rigs.push(rig);
    const first = await rig.open();
    const second = await rig.open();
    expect(clientUsers(rig.fake.url)).toBe(2);
    await first.close();
    expect(clientUsers(rig.fake.url)).toBe(1);
    expect((await second.appendToStream('contract-LK-2026-000001', [event(1)])).nextExpectedVersion).toBe(1);
    await second.close();
    expect(clientUsers(rig.fake.url)).toBe(0);
    const third = await rig.open();
    expect((await third.readStream('contract-LK-2026-000001')).currentVersion).toBe(1);
  });
});
