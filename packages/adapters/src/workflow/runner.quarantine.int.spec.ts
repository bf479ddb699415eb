import { describe, expect, it } from 'vitest';
import { writeRawMemoryEvent } from '../store/memory/memory-event-store.js';
import { simulatedWorld } from './runner.fixture.js';

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
});
