import type { EventStoreFixture } from '../../contract/context.js';
import { esdbFixture } from '../esdb-fixture.js';
import { startFakeEsdb } from './fake-esdb-server.js';

/**
 * The contract fixture on a fake server of its own. The server is configured with a MaxAppendSize
 * of 4 MiB (the default is 1 MiB), as a county must configure its own to store the suite's 1 MB
 * event, and the store is told the same limit.
 */
export const fakeMaxAppendSize = 4 * 1024 * 1024;

export const esdbFakeFixture = async (): Promise<EventStoreFixture> => {
  const fake = await startFakeEsdb({ maxAppendSize: fakeMaxAppendSize });
  const fixture = await esdbFixture(fake.url, { maxAppendSize: fakeMaxAppendSize });
  return {
    ...fixture,
    async dispose() {
      await fixture.dispose?.();
      await fake.stop();
    },
  };
};
