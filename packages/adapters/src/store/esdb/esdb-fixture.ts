import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { EventStoreFixture } from '../contract/context.js';
import type { ContractEvent } from '@fagsign/domain';
import { openEsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store.js';

/*
 * Test support for EventStoreDB. Its contract suite needs a server at ESDB_CONNECTION_STRING (for
 * example `esdb://localhost:2113?tls=false`); none runs on the machines this was built on, so there
 * the suite is skipped with that reason printed. A shared server is never wiped: each store the
 * suite opens sees only the streams (and projection snapshots) named with its own scope.
 */

export const esdbTestUrl = (): string | undefined => process.env.ESDB_CONNECTION_STRING || undefined;

/** The live server's MaxAppendSize, when it is not the default (the payload test's 1 MB event needs about 1.2 MB). */
export const esdbLiveOptions = (): EsdbEventStoreOptions<ContractEvent> => {
  const size = Number(process.env.ESDB_MAX_APPEND_SIZE);
  return Number.isSafeInteger(size) && size > 0 ? { maxAppendSize: size } : {};
};

export const esdbSkipReason = (): string | undefined =>
  esdbTestUrl() === undefined ? 'ESDB_CONNECTION_STRING is not set, and no EventStoreDB server can run here (set it to run the live suite)' : undefined;

/** The store options a suite scope needs on a server shared with other scopes. */
export const scopedOptions = (scope: string) => ({ streamPrefixes: [`contract-${scope}-`], projectionStreamPrefix: `fagsign-projection-${scope}-` });

/** The fixture for the server at `url` (the live one by default); `options` go to every store it opens. */
export const esdbFixture = async (url = esdbTestUrl()!, options: EsdbEventStoreOptions<ContractEvent> = {}): Promise<EventStoreFixture> => {
  const writer = EventStoreDBClient.connectionString(url);
  return {
    open: (scope) => openEsdbEventStore(url, { ...options, ...scopedOptions(scope) }),
    // Written with the client directly, as another program would: no serializer involved.
    async writeRaw(_store, streamName, raw) {
      let data: unknown;
      try {
        data = JSON.parse(raw.json);
      } catch {
        data = raw.json;
      }
      await writer.appendToStream(streamName, jsonEvent({ type: raw.eventType, data: data as Record<string, unknown>, metadata: { schemaVersion: raw.schemaVersion } }));
    },
    dispose: () => writer.dispose(),
  };
};
