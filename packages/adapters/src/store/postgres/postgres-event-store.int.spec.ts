import { eventStoreContract } from '../event-store.contract.js';
import { postgresFixture, postgresSkipReason } from './postgres-fixture.js';

eventStoreContract({ name: 'postgres', idempotency: 'strict', skipReason: postgresSkipReason(), fixture: postgresFixture });
