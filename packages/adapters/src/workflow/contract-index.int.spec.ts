import { describe, expect, it } from 'vitest';
import type { ContractEvent, Instant } from '@fagsign/domain';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import type { RecordedEvent } from '../store/event-store.js';
import { sampleContractId, sampleRegistration, signedContractHistory, decideAll } from '../store/contract/sample-history.js';
import { projectionCheckpoints } from '../processing/checkpoint-stores.js';
import { createProcessor, type Processor } from '../processing/processor.js';
import { contractIndex, type ContractIndex } from './contract-index.js';

const now = () => '2026-08-03T09:00:00.000Z' as Instant;

describe("the runner's contract index", () => {
  it('holds only contracts that can still need work: a cold start over 1,200 ended contracts never holds more than a page of them', async () => {
    const store = getInMemoryEventStore();
    for (let i = 0; i < 1200; i++) {
      const id = sampleContractId(i + 1, 'END');
      await store.appendToStream(`contract-${id}`, signedContractHistory(id, i + 1).map((event) => ({ event })));
      if (i === 400 || i === 800) {
        const open = sampleContractId(i, 'OPEN');
        await store.appendToStream(`contract-${open}`, decideAll([sampleRegistration(open, i)]).map((event) => ({ event })));
      }
    }
    const core = createProcessor<RecordedEvent<ContractEvent>>({ name: 'runner', log: store, checkpoints: projectionCheckpoints(store), pageSize: 100 });
    let peak = 0;
    let index: ContractIndex | undefined;
    // The core as it is, watching the index's size after every page.
    const watched: Processor<RecordedEvent<ContractEvent>> = {
      name: core.name,
      get checkpoint() {
        return core.checkpoint;
      },
      get lag() {
        return core.lag;
      },
      get lastSaved() {
        return core.lastSaved;
      },
      load: () => core.load(),
      moveTo: (checkpoint) => core.moveTo(checkpoint),
      save: (state) => core.save(state),
      catchUp: (pass) =>
        core.catchUp({
          ...pass,
          async applyPage(page) {
            await pass.applyPage(page);
            peak = Math.max(peak, index!.size);
          },
        }),
    };
    index = contractIndex(store, watched, now);
    await index.load();
    expect(await index.catchUp()).toBe(12_002);
    expect(index.size).toBe(2);
    expect(peak).toBeLessThanOrEqual(13); // a page of 100 events touches at most 11 ten-event histories, plus the two open ones
    expect(core.lag).toBe(0);

    // A restart loads the two open contracts only.
    const again = contractIndex(store, createProcessor({ name: 'runner', log: store, checkpoints: projectionCheckpoints(store) }), now);
    await again.load();
    expect(again.size).toBe(2);
    expect(await again.catchUp()).toBe(0);
  });
});
