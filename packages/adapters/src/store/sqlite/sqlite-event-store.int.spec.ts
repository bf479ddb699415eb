import { eventStoreContract } from '../event-store.contract.js';
import { sqliteFixture } from './sqlite-fixture.js';

eventStoreContract({ name: 'sqlite', idempotency: 'strict', fixture: sqliteFixture });
