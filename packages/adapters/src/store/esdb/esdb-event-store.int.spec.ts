import { eventStoreContract } from '../event-store.contract.js';
import { esdbFixture, esdbLiveOptions, esdbSkipReason } from './esdb-fixture.js';

eventStoreContract({ name: 'esdb', idempotency: 'same-expected-version', skipReason: esdbSkipReason(), fixture: () => esdbFixture(undefined, esdbLiveOptions()) });
