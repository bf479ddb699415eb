import {
  contractStreamName,
  decide,
  evolve,
  replay,
  type ContractCommand,
  type ContractEvent,
  type ContractId,
  type ContractState,
  type DecideContext,
} from '@fagsign/domain';
import type { EventStore } from '../store/event-store.js';
import { DuplicateEventId, VersionConflict } from '../store/errors.js';
import { commandEventId } from './command-event-ids.js';
import { backoffDelay, defaultRetryPolicy, sleep, type RetryPolicy } from './retry.js';

export interface HandleOptions {
  /**
   * The id of the command message (never personal data). Event ids are derived from it and the
   * stream, so handling the same command id again for the same contract stores nothing new (the
   * result then has no new events). It is also the events' causation id by default.
   */
  readonly commandId?: string;
  readonly correlationId?: string;
  /** Defaults to `commandId`. */
  readonly causationId?: string;
  readonly retry?: Partial<RetryPolicy>;
}

export interface HandleResult {
  /** The events this command added (empty: nothing to do, a duplicate report, or a command id already handled). */
  readonly newEvents: readonly ContractEvent[];
  /** The stream's version after the command: the expected version for the next append. */
  readonly nextExpectedVersion: number;
  /** The contract's state after the command. */
  readonly state: ContractState;
  /** How many times the stream was read and the command decided (1 when nobody else wrote meanwhile). */
  readonly attempts: number;
}

/**
 * Handles one command for one contract: read its stream, fold it, decide, append with the version
 * read as the expected version. When someone else appended first (a VersionConflict) it reads again
 * and decides again, so a second clerk's correction is decided on top of the first, never lost.
 *
 * Throws the decider's typed `DomainError`s, a `VersionConflict` when the retries run out, and the
 * store's errors (`StoreUnavailable`, `StoredEventUnreadable`).
 */
export const handle = async (
  store: EventStore<ContractEvent>,
  contractId: ContractId,
  command: ContractCommand,
  context: DecideContext,
  options: HandleOptions = {},
): Promise<HandleResult> => {
  const streamName = contractStreamName(contractId);
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const causationId = options.causationId ?? options.commandId;
  for (let attempt = 1; ; attempt++) {
    const { currentVersion, events } = await store.readStream(streamName);
    const state = replay(events.map((e) => e.event));
    const decision = decide(command, state, context);
    if (decision._tag === 'Left') throw decision.left;
    const newEvents = decision.right;
    if (newEvents.length === 0) return { newEvents, nextExpectedVersion: currentVersion, state, attempts: attempt };

    try {
      const result = await store.appendToStream(
        streamName,
        newEvents.map((event, n) => (options.commandId === undefined ? { event } : { event, eventId: commandEventId(streamName, options.commandId, n) })),
        {
          expectedVersion: currentVersion,
          ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
          ...(causationId === undefined ? {} : { causationId }),
        },
      );
      // The store found this command's events already stored: it was handled before.
      if (result.nextExpectedVersion !== currentVersion + newEvents.length) {
        return { newEvents: [], nextExpectedVersion: currentVersion, state, attempts: attempt };
      }
      return { newEvents, nextExpectedVersion: result.nextExpectedVersion, state: newEvents.reduce(evolve, state), attempts: attempt };
    } catch (error) {
      // Some of this command's ids are stored in this stream: it was handled before, deciding differently then.
      if (error instanceof DuplicateEventId && options.commandId !== undefined) {
        return { newEvents: [], nextExpectedVersion: currentVersion, state, attempts: attempt };
      }
      if (!(error instanceof VersionConflict) || attempt > retry.maxRetries) throw error;
      await sleep(backoffDelay(retry, attempt));
    }
  }
};
