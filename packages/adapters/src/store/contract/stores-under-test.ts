import type { EventStore } from '../event-store.js';
import { getInMemoryEventStore } from '../memory/memory-event-store.js';
import { sqliteFixture } from '../sqlite/sqlite-fixture.js';
import { postgresFixture, postgresSkipReason } from '../postgres/postgres-fixture.js';
import { esdbFakeFixture } from '../esdb/fake/esdb-fake-fixture.js';
import type { EventStoreFixture } from './context.js';

/**
 * The stores a cross-store test runs on: memory, SQLite and EventStoreDB on its fake server
 * always, PostgreSQL where the test database is configured (see postgres-fixture.ts for when it is
 * skipped and when that fails).
 */
export interface StoreUnderTest {
  readonly name: 'memory' | 'sqlite' | 'postgres' | 'esdb-fake';
  readonly skipReason: string | undefined;
  readonly fixture: () => Promise<Pick<EventStoreFixture, 'open' | 'dispose'>>;
}

export const storesUnderTest = (): StoreUnderTest[] => [
  { name: 'memory', skipReason: undefined, fixture: async () => ({ open: async (): Promise<EventStore> => getInMemoryEventStore() }) },
  { name: 'sqlite', skipReason: undefined, fixture: sqliteFixture },
  { name: 'postgres', skipReason: postgresSkipReason(), fixture: postgresFixture },
  { name: 'esdb-fake', skipReason: undefined, fixture: esdbFakeFixture },
];
