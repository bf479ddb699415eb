import { eventStoreContract } from '../event-store.contract.js';
import { getInMemoryEventStore, writeRawMemoryEvent } from './memory-event-store.js';

eventStoreContract({
  name: 'memory',
  idempotency: 'strict',
  fixture: async () => ({
    open: async () => getInMemoryEventStore(),
    writeRaw: async (store, streamName, raw) => writeRawMemoryEvent(store, streamName, raw),
  }),
});
