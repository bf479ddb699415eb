import { eventStoreContract } from '../../event-store.contract.js';
import { esdbFakeFixture } from './esdb-fake-fixture.js';

/** The whole contract suite against the fake server, everywhere; the live suite is esdb-event-store.int.spec.ts. */
eventStoreContract({ name: 'esdb-fake', idempotency: 'same-expected-version', fixture: esdbFakeFixture });
