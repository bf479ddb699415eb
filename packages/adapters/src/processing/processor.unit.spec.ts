import { describe, expect, it } from 'vitest';
import type { ContractEvent } from '@fagsign/domain';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import type { RecordedEvent } from '../store/event-store.js';
import { sampleContractId, vigoUpdated } from '../store/contract/sample-history.js';
import { projectionCheckpoints } from './checkpoint-stores.js';
import { processLease } from './lease.js';
import { createProcessor } from './processor.js';

describe('the processor core', () => {
  it('reads by pages from its checkpoint, saves state with checkpoint, and keeps its lease through a catch-up longer than the lease', async () => {
    let now = 0;
    const clock = () => now;
    const store = getInMemoryEventStore();
    const id = sampleContractId(1, 'P');
    for (let i = 0; i < 30; i++) await store.appendToStream(`contract-${id}`, Array.from({ length: 100 }, (_, n) => ({ event: vigoUpdated(id, i * 100 + n) })));
    const checkpoints = projectionCheckpoints(store, clock);
    const lease = processLease(checkpoints, 'counter', 'me', 3000, clock);
    expect(await lease.hold()).toBe(true);
    const processor = createProcessor<RecordedEvent<ContractEvent>>({ name: 'counter', log: store, checkpoints, lease, pageSize: 250, saveEveryMs: 0 });
    await processor.load();
    const pages: number[] = [];
    const applied = await processor.catchUp({
      applyPage(page) {
        pages.push(page.length);
        now += 1000; // each page takes a second: 12 s in all, four times the lease's life
      },
      snapshot: () => ({ pages: pages.length }),
    });
    expect(applied).toBe(3000);
    expect(pages).toEqual(Array(12).fill(250));
    expect(await checkpoints.load('counter')).toEqual({ checkpoint: '3000', state: { pages: 12 } });
    expect(processor.lag).toBe(0);
    expect(lease.view().held).toBe(true);

    await store.appendToStream(`contract-${id}`, [{ event: vigoUpdated(id, 9999) }]);
    const again = createProcessor<RecordedEvent<ContractEvent>>({ name: 'counter', log: store, checkpoints });
    expect(await again.load()).toEqual({ pages: 12 });
    expect(await again.catchUp({ applyPage: () => undefined, snapshot: () => null })).toBe(1);
  });
});
