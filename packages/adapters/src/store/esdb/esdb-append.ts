import type { AppendResult } from '../event-store.js';
import type { PreparedAppend } from '../append-rules.js';
import { InvalidAppend, VersionConflict } from '../errors.js';
import { appendSizeRule, esdbErrorOf } from './esdb-errors.js';
import { checkpointOf, expectedRevisionOf, versionOfRevision } from './esdb-positions.js';
import { metadataOf } from './esdb-records.js';
import type { EsdbRecord } from './esdb-records.js';
import type { Credentials } from './esdb-clients.js';
import { withBackstop } from './esdb-deadline.js';

type ClientModule = typeof import('@eventstore/db-client');
type Client = InstanceType<ClientModule['EventStoreDBClient']>;

/*
 * One append, as the port promises it, on top of what the client answers:
 * - the size is checked first, as the server counts it (data, metadata and twice the type), so an
 *   append too large for the server is refused as InvalidAppend naming the limit, never sent;
 * - a conflict answered as `success: false` (a connection string with throwOnAppendFailure=false)
 *   is a VersionConflict like any other;
 * - the server answers an empty append to a missing stream as "no stream", which the client reads
 *   as revision 0: an empty append's version comes from the expected version or the stream itself;
 * - a repeated append (its ids already stored) is acknowledged with the first write's position,
 *   which the client cannot tell from a new write: when ids were given, the stream's revision
 *   before the append tells (one more read, only for such appends), and a repeat has no
 *   checkpoint of its own. Should the first write itself land between that read and the repeat,
 *   the repeat answers the first write's checkpoint: a true position, only not a new one.
 */

export interface EsdbAppendSettings {
  readonly client: Client;
  readonly module: ClientModule;
  readonly deadlineMs: number;
  readonly maxAppendSize: number;
  readonly credentials: Credentials | undefined;
  /** The stream's last event, or undefined when there is none. */
  lastEvent(streamName: string): Promise<EsdbRecord | undefined>;
}

interface SizedEvent {
  readonly type: string;
  readonly json: string;
  readonly metadata: unknown;
}

export const appendSize = (events: readonly SizedEvent[]): number =>
  events.reduce((sum, e) => sum + Buffer.byteLength(e.json) + (e.metadata === undefined ? 0 : Buffer.byteLength(JSON.stringify(e.metadata))) + 2 * Buffer.byteLength(e.type), 0);

export const checkAppendSize = (streamName: string, events: readonly SizedEvent[], maxAppendSize: number): void => {
  const size = appendSize(events);
  if (size > maxAppendSize) throw new InvalidAppend(streamName, appendSizeRule(size, maxAppendSize));
};

export const appendEsdb = async (settings: EsdbAppendSettings, prepared: PreparedAppend): Promise<AppendResult> => {
  const { client, module, deadlineMs } = settings;
  const { streamName, expected } = prepared;
  const sized = prepared.events.map((e) => ({ type: e.eventType, json: e.json, metadata: metadataOf(e.schemaVersion, prepared.correlationId, prepared.causationId) }));
  checkAppendSize(streamName, sized, settings.maxAppendSize);
  const eventData = prepared.events.map((e, i) =>
    module.jsonEvent({ id: e.eventId, type: e.eventType, data: JSON.parse(e.json) as Record<string, unknown>, metadata: sized[i]!.metadata as unknown as Record<string, unknown> }),
  );
  try {
    const mayRepeat = prepared.events.some((e) => e.givenId);
    const before = mayRepeat ? (await settings.lastEvent(streamName))?.revision : undefined;
    const result = await withBackstop(deadlineMs, 'append', () =>
      client.appendToStream(streamName, eventData, {
        expectedRevision: expectedRevisionOf(expected),
        deadline: deadlineMs,
        ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
      }),
    );
    // -1 when there is no stream.
    if (!result.success) throw new VersionConflict(streamName, expected, versionOfRevision(result.nextExpectedRevision));
    if (prepared.events.length === 0) {
      const version = typeof expected === 'number' ? expected : expected === 'no-stream' ? 0 : versionOfRevision((await settings.lastEvent(streamName))?.revision);
      return { nextExpectedVersion: version, lastCheckpoint: undefined };
    }
    const repeated = before !== undefined && result.nextExpectedRevision <= before;
    return {
      nextExpectedVersion: versionOfRevision(result.nextExpectedRevision),
      lastCheckpoint: repeated || result.position === undefined ? undefined : checkpointOf(result.position),
    };
  } catch (error) {
    throw esdbErrorOf(error, 'append', streamName, expected);
  }
};
