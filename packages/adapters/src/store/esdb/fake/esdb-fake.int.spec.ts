import { eventStoreContract } from '../../event-store.contract.js';
import { esdbFixture } from '../esdb-fixture.js';
import { startFakeEsdb } from './fake-esdb-server.js';

/*
 * The whole contract suite against the fake server, everywhere. The server is configured with a
 * MaxAppendSize of 4 MiB (the default is 1 MiB), as a county must configure its own to store the
 * suite's 1 MB event; the store is told the same limit.
 */
const maxAppendSize = 4 * 1024 * 1024;

eventStoreContract({
  name: 'esdb-fake',
  idempotency: 'same-expected-version',
  fixture: async () => {
    const fake = await startFakeEsdb({ maxAppendSize });
    const fixture = await esdbFixture(fake.url, { maxAppendSize });
    return { ...fixture, dispose: async () => { await fixture.dispose?.(); await fake.stop(); } };
  },
});
