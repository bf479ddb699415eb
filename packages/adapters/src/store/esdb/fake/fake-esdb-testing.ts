import type { ContractEvent } from '@fagsign/domain';
import type { EventStore } from '../../event-store.js';
import { openEsdbEventStore, type EsdbEventStoreOptions } from '../esdb-event-store.js';
import { startFakeEsdb, type FakeEsdbOptions, type FakeEsdbServer } from './fake-esdb-server.js';

/** Small helpers for the adapter's own tests against the fake server. */

/** Waits until `condition` holds, failing (not hanging) after `timeoutMs`. */
export const until = async (condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

export interface FakeRig {
  readonly fake: FakeEsdbServer;
  readonly stores: EventStore[];
  open(options?: Omit<EsdbEventStoreOptions<ContractEvent>, 'serializer'>, url?: string): Promise<EventStore>;
  dispose(): Promise<void>;
}

/** A fake server and the stores opened on it, all closed by dispose(). */
export const fakeRig = async (options: FakeEsdbOptions = {}): Promise<FakeRig> => {
  const fake = await startFakeEsdb(options);
  const stores: EventStore[] = [];
  return {
    fake,
    stores,
    async open(storeOptions = {}, url = fake.url) {
      const store = await openEsdbEventStore(url, storeOptions);
      stores.push(store);
      return store;
    },
    async dispose() {
      await Promise.all(stores.map((store) => store.close()));
      await fake.stop();
    },
  };
};
