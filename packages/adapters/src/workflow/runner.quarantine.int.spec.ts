import { describe, expect, it } from 'vitest';
import { contractStreamName, type ContractEvent, type ContractId } from '@fagsign/domain';
import { writeRawMemoryEvent } from '../store/memory/memory-event-store.js';
import type { EventStore } from '../store/event-store.js';
import { StoredEventUnreadable } from '../store/errors.js';
import { QuarantineReleaseRefused, quarantinedContracts, releaseFromQuarantine } from './quarantine.js';
import { simulatedWorld } from './runner.fixture.js';

/** A store in which one contract's stream cannot be read while `broken` (a damaged row, until a person repairs it). */
const brokenUntilRepaired = (bad: ContractId) => {
  const damage = { broken: false };
  const wrap = (store: EventStore<ContractEvent>): EventStore<ContractEvent> => {
    const unreadable = (name: string, version: number, checkpoint: string) => new StoredEventUnreadable(name, version, checkpoint, undefined);
    return Object.assign(Object.create(store) as EventStore<ContractEvent>, {
      async *readAll(options?: Parameters<typeof store.readAll>[0]) {
        for await (const recorded of store.readAll(options)) {
          if (damage.broken && recorded.streamName === contractStreamName(bad) && recorded.streamVersion === 2) throw unreadable(recorded.streamName, 2, recorded.checkpoint);
          yield recorded;
        }
      },
      async *readAllPages(options?: Parameters<typeof store.readAllPages>[0]) {
        for await (const page of store.readAllPages(options)) {
          const at = page.findIndex((r) => damage.broken && r.streamName === contractStreamName(bad) && r.streamVersion === 2);
          if (at < 0) {
            yield page;
            continue;
          }
          if (at > 0) yield page.slice(0, at); // the events before the damaged one, then its error, as the stores do
          throw unreadable(page[at]!.streamName, 2, page[at]!.checkpoint);
        }
      },
      async readStream(name: string, options?: Parameters<typeof store.readStream>[1]) {
        if (damage.broken && name === contractStreamName(bad)) throw unreadable(name, 2, '0');
        return store.readStream(name, options);
      },
    });
  };
  return { damage, wrap };
};

/*
 * A corrupt row in the middle of the log (a broken or foreign writer stored an event no version of
 * the domain can read): the runner sets that one contract aside and takes the others to the end.
 */
describe('quarantine', () => {
  it('a corrupt row in the middle of the log stops one contract, not the county: the others are signed, the bad one is quarantined', async () => {
    const world = simulatedWorld({ start: '2026-08-03T09:00' });
    const before = [await world.register({ contractId: 'CQ-1' }), await world.register({ contractId: 'CQ-2' })];
    const bad = await world.register({ contractId: 'CQ-3' });
    writeRawMemoryEvent(world.store, `contract-${bad}`, { eventType: 'ContractTeleported', schemaVersion: 1, json: '{"to":"Mars"}' });
    const after = [await world.register({ contractId: 'CQ-4' })];

    await world.runUntil('2026-08-17T09:00', 60);

    for (const id of [...before, ...after]) expect((await world.state(id)).status).toBe('signed-electronically');
    const report = await world.runner.runOnce(world.now());
    expect(report.quarantined).toEqual([{ contractId: bad, reason: 'stored-event-unreadable', since: expect.any(String) }]);
    expect(world.runner.status().quarantined.map((q) => q.contractId)).toEqual([bad]);
    expect(world.simulated.job(`${bad}/1` as never)).toBeUndefined();

    // A new runner (a restart) knows the quarantine from the saved state and goes on.
    world.restart();
    await world.runner.runOnce(world.now());
    expect(world.runner.status().quarantined.map((q) => q.contractId)).toEqual([bad]);
  });

  it('a status change for a quarantined contract is left unconfirmed, and the runner is not degraded by it', async () => {
    const world = simulatedWorld({ start: '2026-08-03T09:00' });
    const bad = await world.register({ contractId: 'CQ-5' });
    await world.runner.runOnce(world.now());
    expect(world.simulated.job(`${bad}/1` as never)).toBeDefined(); // out at the service: changes will come
    writeRawMemoryEvent(world.store, `contract-${bad}`, { eventType: 'ContractTeleported', schemaVersion: 1, json: '{"to":"Mars"}' });
    const good = await world.register({ contractId: 'CQ-6' });

    await world.runUntil('2026-08-17T09:00', 60);

    expect((await world.state(good)).status).toBe('signed-electronically');
    expect(world.runner.status().quarantined.map((q) => q.contractId)).toEqual([bad]);
    expect(world.runner.status().degraded).toEqual([]);
  });

  it('a person releases a repaired contract by hand: refused while the runner runs or the stream is still broken, then the runner takes it on; the log is not written', async () => {
    const bad = 'CQ-7' as ContractId;
    const { damage, wrap } = brokenUntilRepaired(bad);
    const world = simulatedWorld({ start: '2026-08-03T09:00', wrapStore: wrap });
    await world.register({ contractId: bad });
    damage.broken = true;
    await world.runner.runOnce(world.now());
    expect(await quarantinedContracts(world.store)).toEqual([{ contractId: bad, reason: 'stored-event-unreadable', since: expect.any(String) }]);
    const logBefore = await world.events(bad);

    // The runner holds its lease: its own saved state would overwrite the release.
    await expect(releaseFromQuarantine(world.store, bad)).rejects.toMatchObject({ problem: 'runner-running' });
    await world.runner.release(); // the runner stopped
    await expect(releaseFromQuarantine(world.store, bad)).rejects.toMatchObject({ problem: 'still-unreadable' });
    await expect(releaseFromQuarantine(world.store, 'CQ-8' as ContractId)).rejects.toBeInstanceOf(QuarantineReleaseRefused);
    expect((await quarantinedContracts(world.store)).map((q) => q.contractId)).toEqual([bad]);

    damage.broken = false; // repaired
    expect(await releaseFromQuarantine(world.store, bad)).toMatchObject({ contractId: bad });
    expect(await quarantinedContracts(world.store)).toEqual([]);
    expect(await world.events(bad)).toEqual(logBefore); // the release only reads the log

    world.restart();
    await world.runUntil('2026-08-17T09:00', 60);
    expect((await world.state(bad)).status).toBe('signed-electronically');
    expect(world.runner.status().quarantined).toEqual([]);
  });

  it('a runner that gave up its lease and takes it again starts from the saved state: a release made meanwhile is not overwritten by what it still held', async () => {
    const bad = 'CQ-9' as ContractId;
    const { damage, wrap } = brokenUntilRepaired(bad);
    const world = simulatedWorld({ start: '2026-08-03T09:00', wrapStore: wrap });
    await world.register({ contractId: bad });
    damage.broken = true;
    await world.runner.runOnce(world.now());
    expect(world.runner.status().quarantined.map((q) => q.contractId)).toEqual([bad]);

    await world.runner.release(); // a pause long enough to lose the lease
    damage.broken = false; // repaired
    await releaseFromQuarantine(world.store, bad);

    // the same runner, not a restart: it takes the lease again and must not keep its old quarantine
    await world.runUntil('2026-08-17T09:00', 60);
    expect(world.runner.status().quarantined).toEqual([]);
    expect((await world.state(bad)).status).toBe('signed-electronically');
    expect(await quarantinedContracts(world.store)).toEqual([]);
  });
});
