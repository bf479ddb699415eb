import type { ContractEvent } from '@fagsign/domain';
import type { EventSerializer, EventStore, EventSubscription, ProjectionSnapshot, ReadAllOptions } from '../event-store.js';
import { StoreUnavailable } from '../errors.js';
import { prepareAppend } from '../append-rules.js';
import { contractEventSerializer, serializerForView } from '../serializer.js';
import { esdbErrorOf, isStreamNotFound } from './esdb-errors.js';
import { positionOf, versionOfRevision } from './esdb-positions.js';
import { recordedOf, type EsdbRecord } from './esdb-records.js';
import { readAllEsdb, readAllEsdbPages, subscribeEsdb, type EsdbLogSettings } from './esdb-log.js';
import { letGo, withBackstop } from './esdb-deadline.js';
import { acquireClient } from './esdb-clients.js';
import { appendEsdb, checkAppendSize, type EsdbAppendSettings } from './esdb-append.js';
import { checkServer } from './esdb-requirements.js';
import { tracked } from '../catch-up.js';
import { loadStoreClient } from '../optional-client.js';

/*
 * EventStoreDB through @eventstore/db-client 6.2.1. Our stream version n is the server's revision
 * n-1; expected versions map to ANY / NO_STREAM / STREAM_EXISTS / a revision, and the server's
 * WrongExpectedVersionError becomes our VersionConflict. The global log is `$all`, limited to
 * streams with the configured prefixes (default `contract-`), system events excluded; checkpoints
 * are log positions as text (`<commit>/<prepare>`).
 *
 * Idempotency is the server's: event ids are ours, and a repeated append of the same ids with the
 * same expected version is acknowledged without writing. With 'any' the server deduplicates only
 * while the ids are in its recent-write cache (best effort, its documented behaviour).
 *
 * Projection snapshots are the last event of the stream `fagsign-projection-<name>` (capped at a
 * few events by stream metadata); not a `$` stream, which would need admin rights to write.
 *
 * Opening checks the server (22.6 or later) and the user's right to read $all; see
 * esdb-requirements.ts. Stores opened with one connection string share one client (esdb-clients.ts).
 *
 * No EventStoreDB server runs where this was built: the contract suite runs everywhere against a
 * protocol-level fake (fake/), and against a live server where ESDB_CONNECTION_STRING is set.
 */

export interface EsdbEventStoreOptions<E> {
  readonly serializer?: EventSerializer<E>;
  /** Streams that belong to this store's global log (default `['contract-']`). */
  readonly streamPrefixes?: readonly string[];
  /** Where projection snapshots live (default `fagsign-projection-`). */
  readonly projectionStreamPrefix?: string;
  /** Deadline for each call (ms, default 10 000). */
  readonly deadlineMs?: number;
  /** Failed resubscriptions in a row before a subscription gives up (default 10, about half a minute). */
  readonly maxResubscribes?: number;
  /**
   * The server's maximum append size in bytes (its MaxAppendSize setting; default 1 MiB, the
   * server's default). Appends and snapshots over it are refused as InvalidAppend before sending.
   */
  readonly maxAppendSize?: number;
}

const snapshotType = 'FagsignProjectionSnapshot';

export async function openEsdbEventStore(url: string, options?: Omit<EsdbEventStoreOptions<ContractEvent>, 'serializer'>): Promise<EventStore<ContractEvent>>;
export async function openEsdbEventStore<E>(url: string, options: EsdbEventStoreOptions<E> & { serializer: EventSerializer<E> }): Promise<EventStore<E>>;
export async function openEsdbEventStore<E>(url: string, options: EsdbEventStoreOptions<E> = {}): Promise<EventStore<E>> {
  const serializer = options.serializer ?? (contractEventSerializer as unknown as EventSerializer<E>);
  // Loaded here, not at the top: a user of another store never loads the gRPC client.
  const module = await loadStoreClient('esdb', '@eventstore/db-client', () => import('@eventstore/db-client'));
  const shared = acquireClient(module, url);
  const { client } = shared;
  const deadline = options.deadlineMs ?? 10_000;
  try {
    await checkServer(client, module, deadline);
  } catch (error) {
    await shared.release();
    throw error;
  }
  const projectionPrefix = options.projectionStreamPrefix ?? 'fagsign-projection-';
  const settings: EsdbLogSettings<E> = {
    client,
    module,
    serializer,
    prefixes: options.streamPrefixes ?? ['contract-'],
    deadlineMs: deadline,
    maxResubscribes: options.maxResubscribes ?? 10,
  };
  // The projection view reads the same log with the serializer's projection decode.
  const projectionSettings: EsdbLogSettings<E> = { ...settings, serializer: serializerForView(serializer, 'projection') };
  const settingsFor = (view: ReadAllOptions['view']): EsdbLogSettings<E> => (view === 'projection' ? projectionSettings : settings);
  const credentials = shared.appendCredentials === undefined ? {} : { credentials: shared.appendCredentials };
  const subscriptions = new Set<EventSubscription<E>>();
  let closed = false;
  const ensureOpen = (operation: string): void => {
    if (closed) throw new StoreUnavailable('esdb', `${operation}: the store is closed`);
  };

  /** The stream's last event (its revision says the version), or undefined when there is none. */
  const lastEvent = async (streamName: string): Promise<EsdbRecord | undefined> => {
    try {
      return await withBackstop(deadline, 'read', async () => {
        for await (const resolved of client.readStream(streamName, { direction: module.BACKWARDS, fromRevision: module.END, maxCount: 1, deadline })) {
          return resolved.event as EsdbRecord | undefined;
        }
        return undefined;
      });
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw esdbErrorOf(error, 'read', streamName);
    }
  };
  const appendSettings: EsdbAppendSettings = { client, module, deadlineMs: deadline, maxAppendSize: options.maxAppendSize ?? 1024 * 1024, credentials: shared.appendCredentials, lastEvent };

  const store: EventStore<E> = {
    kind: 'esdb',
    async appendToStream(streamName, events, appendOptions) {
      ensureOpen('append');
      return appendEsdb(appendSettings, prepareAppend(serializer, streamName, events, appendOptions));
    },
    async readStream(streamName, readOptions = {}) {
      ensureOpen('read');
      // Versions are whole: a fractional fromVersion starts at the next whole one, as in the other stores.
      const fromVersion = Math.max(1, Math.ceil(readOptions.fromVersion ?? 1));
      const records: EsdbRecord[] = [];
      try {
        const read = client.readStream(streamName, {
          fromRevision: BigInt(fromVersion - 1),
          direction: module.FORWARDS,
          ...(readOptions.maxCount === undefined ? {} : { maxCount: readOptions.maxCount }),
          deadline,
        });
        await withBackstop(
          deadline,
          'read',
          async () => {
            for await (const resolved of read) if (resolved.event !== undefined) records.push(resolved.event as EsdbRecord);
          },
          () => void letGo(() => read.cancel()),
        );
      } catch (error) {
        if (!isStreamNotFound(error)) throw esdbErrorOf(error, 'read', streamName);
      }
      const events = records.map((record) => recordedOf(serializer, record));
      // A full read ends at the stream's end; a partial or empty one must ask where the end is.
      const whole = readOptions.maxCount === undefined && records.length > 0;
      const currentVersion = whole ? events[events.length - 1]!.streamVersion : versionOfRevision((await lastEvent(streamName))?.revision);
      return { currentVersion, events };
    },
    readAll(readOptions = {}) {
      ensureOpen('read');
      positionOf(readOptions.after);
      return readAllEsdb(settingsFor(readOptions.view), readOptions.after, readOptions.batchSize);
    },
    readAllPages(readOptions = {}) {
      ensureOpen('read');
      positionOf(readOptions.after);
      return readAllEsdbPages(settingsFor(readOptions.view), readOptions.after, readOptions.batchSize);
    },
    subscribe(subscribeOptions = {}) {
      ensureOpen('subscribe');
      positionOf(subscribeOptions.after);
      return tracked(subscriptions, subscribeEsdb(settingsFor(subscribeOptions.view), subscribeOptions));
    },
    async loadProjection(name) {
      ensureOpen('load projection');
      const last = await lastEvent(`${projectionPrefix}${name}`);
      return last === undefined ? undefined : (last.data as ProjectionSnapshot);
    },
    async saveProjection(name, snapshot) {
      ensureOpen('save projection');
      const streamName = `${projectionPrefix}${name}`;
      const json = JSON.stringify({ version: snapshot.version, checkpoint: snapshot.checkpoint, state: snapshot.state });
      // A snapshot is one event, so one atomic write: one too large for the server is refused here.
      checkAppendSize(streamName, [{ type: snapshotType, json, metadata: undefined }], appendSettings.maxAppendSize);
      try {
        // The stream keeps only the latest few snapshots.
        const data = JSON.parse(json) as Record<string, unknown>;
        const result = await withBackstop(deadline, 'save projection', () => client.appendToStream(streamName, module.jsonEvent({ type: snapshotType, data }), { deadline, ...credentials }));
        if (result.nextExpectedRevision === 0n) await withBackstop(deadline, 'save projection', () => client.setStreamMetadata(streamName, { maxCount: 3 }, { deadline, ...credentials }));
      } catch (error) {
        throw esdbErrorOf(error, 'save projection', streamName);
      }
    },
    async close() {
      if (closed) return;
      await Promise.all([...subscriptions].map((s) => s.close()));
      closed = true;
      await shared.release();
    },
  };
  return store;
}
