import { randomBytes } from 'node:crypto';
import { sampleRegistration } from '@fagsign/domain/testing';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { handle } from '../handling/handle.js';
import { createSimulatedProvider } from '../provider/simulated/simulated-provider.js';
import { sampleContractId } from '../store/contract/sample-history.js';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import { createWorkflowRunner } from '../workflow/runner.js';
import { simulatedArchive, simulatedNotifier, simulatedVigo } from '../workflow/simulated-ports.js';
import { memoryKeyStore } from './key-store.js';
import { singleMasterKey } from './master-keys.js';
import { protectPersonalData, storedFormSerializer } from './protected-store.js';

describe('the workflow runner with a retention policy', () => {
  it('erases an ended contract on the run of its day, not the run before', async () => {
    const store = await protectPersonalData(getInMemoryEventStore({ serializer: storedFormSerializer }), memoryKeyStore(), singleMasterKey('w', randomBytes(32)));
    const start = DateTime.fromISO('2027-02-01T10:00:00', { zone: 'Europe/Oslo' });
    let now = start.toUTC().toISO()!;
    const id = sampleContractId(1, 'W');
    await handle(store, id, sampleRegistration({ contractId: id, seed: 1 }), { now: start });
    await handle(store, id, { type: 'WithdrawContract', reason: 'apprentice-left' }, { now: start });
    const runner = createWorkflowRunner({
      store,
      provider: createSimulatedProvider({ seed: 1, now: () => now as never }),
      notifier: simulatedNotifier({ now: () => now as never }),
      archive: simulatedArchive({ failures: 0 }),
      vigo: simulatedVigo(),
      retention: { signedAndArchivedMonths: 3, withdrawnMonths: 1, endedUnsignedMonths: 2 },
    });
    const dayBefore = DateTime.fromISO('2027-03-01T23:59:00', { zone: 'Europe/Oslo' });
    now = dayBefore.toUTC().toISO()!;
    expect((await runner.runOnce(dayBefore)).erased).toEqual([]);
    const due = DateTime.fromISO('2027-03-02T00:01:00', { zone: 'Europe/Oslo' });
    now = due.toUTC().toISO()!;
    expect((await runner.runOnce(due)).erased).toEqual([{ contractId: id, erased: true }]);
    const [first] = (await store.readStream(`contract-${id}`)).events;
    expect(first?.event.type === 'ContractRegistered' && first.event.data.parties[0]!.name).toBe('«slettet»');
  });
});
