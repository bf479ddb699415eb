import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchUpProjection, type ProjectionSource } from '@fagsign/adapters';
import type { ContractEvent } from '@fagsign/domain';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { fakeStore } from '../testing/fake-store.js';
import { historyArb } from '../testing/histories.js';

/** What the adapters' stores throw for an event they cannot read (StoredEventUnreadable), by shape. */
const unreadable = (contractId: string, checkpoint: string) =>
  Object.assign(new Error(`Cannot read an event of contract-${contractId}`), { code: 'stored-event-unreadable', streamName: `contract-${contractId}`, checkpoint });

/** A store whose log holds one unreadable event at `poison` (1-based position). */
const withPoison = (store: ProjectionSource, log: readonly ContractEvent[], poison: number): ProjectionSource => ({
  ...store,
  async *readAllPages(options) {
    for await (const page of store.readAllPages(options)) {
      const at = page.findIndex((logged) => logged.checkpoint === String(poison));
      if (at < 0) {
        yield page;
        continue;
      }
      if (at > 0) yield page.slice(0, at);
      throw unreadable(log[poison - 1]!.data.contractId, String(poison));
    }
  },
  loadProjection: (name) => store.loadProjection(name),
  saveProjection: (name, snapshot) => store.saveProjection(name, snapshot),
});

const saved = (state: unknown): unknown => JSON.parse(JSON.stringify(contractsProjection.serialize(state as never)));

describe('an unreadable event in the log', () => {
  it('leaves out one contract, not the report: catchUp says which, and the others are all in', async () => {
    const history = fc.sample(historyArb({ maxContracts: 6, maxSteps: 80 }), { numRuns: 1, seed: 5 })[0]!;
    const log = history.events;
    const poison = Math.floor(log.length / 2);
    const bad = log[poison - 1]!.data.contractId;
    const base = fakeStore(log);
    const store = withPoison(base, log, poison);

    const result = await catchUpProjection(store, contractsProjection, { batchSize: 7 });

    expect(result.leftOut).toEqual([{ contractId: bad, reason: 'stored-event-unreadable', checkpoint: String(poison) }]);
    const good = log.filter((e, i) => e.data.contractId !== bad || i < poison - 1);
    expect(saved(result.state)).toEqual(saved(foldEvents(contractsProjection, good)));

    // Saved with the snapshot: a later catch-up still leaves that contract's new events out, and says so.
    base.append(log.slice(0, 3));
    const again = await catchUpProjection(store, contractsProjection);
    expect(again.leftOut.map((c) => c.contractId)).toEqual([bad]);
    expect(again.applied).toBe(log.slice(0, 3).filter((e) => e.data.contractId !== bad).length);
  });
});
