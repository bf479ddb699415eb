import type { CheckpointStore } from '../processing/checkpoint-store.js';
import { contractStreamName, type ContractEvent, type ContractId } from '@fagsign/domain';
import type { EventStore, RecordedEvent } from './event-store.js';
import { StoredEventUnreadable } from './errors.js';

/*
 * `fagsign verify`: what a log must be for the decider and the reports to be right, checked by
 * reading the whole log once through the store's own port. A row deleted, moved to another stream
 * or edited by hand is otherwise noticed by nothing: `status <real id>` just says "No contract".
 * Every problem is listed with its position; reading goes on past an unreadable event.
 */

/** What is wrong: a gap or duplicate in a stream's versions, an event in the wrong contract's stream, an event id seen twice, an event that cannot be read, checkpoints out of order, or a projection saved past the end of the log. */
export type LogProblemKind = 'version-gap' | 'version-duplicate' | 'contract-id-mismatch' | 'duplicate-event-id' | 'unreadable' | 'checkpoint-order' | 'projection-ahead';

/** One thing wrong with the log, where it is; never the event's data (it may hold personal data). */
export interface LogProblem {
  readonly kind: LogProblemKind;
  /** The event's checkpoint (position in the global log), or the projection's name. */
  readonly position: string;
  readonly streamName: string | undefined;
  readonly streamVersion: number | undefined;
  readonly message: string;
}

/** What `fagsign verify` found after reading the whole log once: how many events and streams it read, and every problem with its position (empty when the log is sound). */
export interface LogVerification {
  readonly events: number;
  readonly streams: number;
  readonly problems: readonly LogProblem[];
}

/** Compares checkpoints by their digit groups (`42`, `7:42`), the order every fagsign store hands them out in. */
const compareCheckpoints = (a: string, b: string): number => {
  const x = (a.match(/\d+/g) ?? []).map(BigInt);
  const y = (b.match(/\d+/g) ?? []).map(BigInt);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1n) - (y[i] ?? -1n);
    if (d !== 0n) return d < 0n ? -1 : 1;
  }
  return 0;
};

/**
 * How `verifyLog` reads one event: the contract id it is about (checked against its stream),
 * undefined for a sound event of a known stream that belongs to no contract (the erasure ledger),
 * or an Error saying why it cannot be read. For a store that decodes as it reads, the event's own
 * contract id (the default).
 */
export type EventInspector<E> = (recorded: RecordedEvent<E>) => string | undefined | Error;

const contractIdOf: EventInspector<ContractEvent> = (recorded) => recorded.event.data.contractId;

/**
 * Reads the whole log and checks: versions contiguous from 1 in every stream, every event's
 * contract id naming its stream, event ids unique, every event readable, checkpoints strictly
 * increasing, and no saved projection (of `projections`) ahead of the log. `inspect` reads each
 * event (see `verifyStoredLog` for a log read in its stored form, encrypted or not).
 */
export async function verifyLog(
  store: Pick<EventStore<ContractEvent>, 'readAll' | 'loadProjection'>,
  projections?: readonly string[],
  inspect?: EventInspector<ContractEvent>,
  checkpoints?: Pick<CheckpointStore, 'load'>,
): Promise<LogVerification>;
export async function verifyLog<E>(
  store: Pick<EventStore<E>, 'readAll' | 'loadProjection'>,
  projections: readonly string[],
  inspect: EventInspector<E>,
  checkpoints?: Pick<CheckpointStore, 'load'>,
): Promise<LogVerification>;
export async function verifyLog<E>(
  store: Pick<EventStore<E>, 'readAll' | 'loadProjection'>,
  projections: readonly string[] = [],
  inspect: EventInspector<E> = contractIdOf as unknown as EventInspector<E>,
  /** Where processors keep their checkpoints (`checkpointStoreOf(store)`): the projections' snapshots and pointers are there. Default: the store's saveProjection. */
  checkpoints?: Pick<CheckpointStore, 'load'>,
): Promise<LogVerification> {
  const problems: LogProblem[] = [];
  const versions = new Map<string, { version: number; checkpoint: string }[]>();
  const ids = new Map<string, string>();
  let events = 0;
  let last: string | undefined;
  const problem = (kind: LogProblemKind, position: string, streamName: string | undefined, streamVersion: number | undefined, message: string) =>
    problems.push({ kind, position, streamName, streamVersion, message });

  const seen = (checkpoint: string, streamName: string, streamVersion: number) => {
    events++;
    if (last !== undefined && compareCheckpoints(checkpoint, last) <= 0) problem('checkpoint-order', checkpoint, streamName, streamVersion, `checkpoint ${checkpoint} does not follow ${last}`);
    last = checkpoint;
    const stream = versions.get(streamName) ?? [];
    stream.push({ version: streamVersion, checkpoint });
    versions.set(streamName, stream);
  };

  for (;;) {
    try {
      for await (const recorded of store.readAll({ ...(last === undefined ? {} : { after: last }), batchSize: 1000 })) {
        const { streamName, streamVersion, checkpoint } = recorded;
        seen(checkpoint, streamName, streamVersion);
        const about = inspect(recorded);
        if (about instanceof Error) problem('unreadable', checkpoint, streamName, streamVersion, `event ${streamVersion} of ${streamName} cannot be read: ${about.message}`);
        else if (about !== undefined && contractStreamName(about as ContractId) !== streamName) {
          problem('contract-id-mismatch', checkpoint, streamName, streamVersion, `event ${streamVersion} of ${streamName} is about contract ${about} (moved or edited)`);
        }
        const earlier = ids.get(recorded.metadata.eventId);
        if (earlier !== undefined) problem('duplicate-event-id', checkpoint, streamName, streamVersion, `event id ${recorded.metadata.eventId} is stored already at checkpoint ${earlier}`);
        else ids.set(recorded.metadata.eventId, checkpoint);
      }
      break;
    } catch (error) {
      if (!(error instanceof StoredEventUnreadable)) throw error;
      const { checkpoint, streamName, streamVersion } = error;
      seen(checkpoint, streamName, streamVersion);
      const rule = error.decodeError === undefined ? 'the stored data is not JSON' : error.decodeError.message;
      problem('unreadable', checkpoint, streamName, streamVersion, `event ${streamVersion} of ${streamName} cannot be read: ${rule}`);
    }
  }

  // versions per stream, in version order (the order readStream gives the decider)
  for (const [streamName, stream] of versions) {
    stream.sort((x, y) => x.version - y.version);
    let previous = 0;
    for (const { version, checkpoint } of stream) {
      if (version === previous) problem('version-duplicate', checkpoint, streamName, version, `${streamName} holds version ${version} twice`);
      else if (version !== previous + 1) problem('version-gap', checkpoint, streamName, version, `${streamName} jumps from version ${previous} to ${version}: ${version - previous - 1} event(s) missing`);
      previous = version;
    }
  }
  problems.sort((a, b) => compareCheckpoints(a.position, b.position));

  for (const name of projections) {
    const saved = await (checkpoints === undefined ? store.loadProjection(name) : checkpoints.load(name)).catch(() => undefined);
    if (saved?.checkpoint !== undefined && (last === undefined || compareCheckpoints(saved.checkpoint, last) > 0)) {
      problem('projection-ahead', name, undefined, undefined, `the saved projection "${name}" is at checkpoint ${saved.checkpoint}, beyond the end of the log (${last ?? 'empty'}): events are missing`);
    }
  }
  return { events, streams: versions.size, problems };
}
