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
import type { EventStore, RecordedEvent } from '../store/event-store.js';
import { DuplicateEventId, VersionConflict } from '../store/errors.js';
import { checkedCommand } from './checked-command.js';
import { commandEventId } from './command-event-ids.js';
import { backoffDelay, defaultRetryPolicy, sleep, type RetryPolicy } from './retry.js';

export interface HandleOptions {
  /**
   * The id of the command message (never personal data). Event ids are derived from it and the
   * stream, so a command id already handled for this contract is answered with the events it stored
   * then (`alreadyHandled: true`), without deciding again and without storing anything. It is also
   * the events' causation id by default.
   */
  readonly commandId?: string;
  readonly correlationId?: string;
  /** Defaults to `commandId`. */
  readonly causationId?: string;
  readonly retry?: Partial<RetryPolicy>;
}

export interface HandleResult {
  /**
   * The events this command added (empty: nothing to do, or a duplicate report). For a command id
   * handled before: the events it stored then.
   */
  readonly newEvents: readonly ContractEvent[];
  /** The stream's version after the command (now, for a command id handled before): the expected version for the next append. */
  readonly nextExpectedVersion: number;
  /** The contract's state after the command (now, for a command id handled before). */
  readonly state: ContractState;
  /** How many times the stream was read and the command decided (1 when nobody else wrote meanwhile). */
  readonly attempts: number;
  /** True when the command id had been handled before: `newEvents` are the earlier ones, and nothing was stored now. */
  readonly alreadyHandled: boolean;
}

/**
 * Handles one command for one contract, safe for a county system to retry blindly: decode the
 * command, read the stream, answer a command id already stored with its earlier events, else fold,
 * decide, and append with the version read as the expected version. When someone else appended
 * first (a VersionConflict) it reads again and decides again, so a second clerk's correction is
 * decided on top of the first, never lost.
 *
 * Throws `InvalidCommand` (a field breaks its codec's rule, or a RegisterContract names another
 * contract than the stream's) before anything is read or stored, the decider's other typed
 * `DomainError`s, a `VersionConflict` when the retries run out, and the store's errors
 * (`StoreUnavailable`, `StoredEventUnreadable`).
 */
export const handle = async (
  store: EventStore<ContractEvent>,
  contractId: ContractId,
  command: ContractCommand,
  context: DecideContext,
  options: HandleOptions = {},
): Promise<HandleResult> => {
  const checked = checkedCommand(contractId, command);
  const streamName = contractStreamName(contractId);
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const causationId = options.causationId ?? options.commandId;
  for (let attempt = 1; ; attempt++) {
    const { currentVersion, events } = await store.readStream(streamName);
    const state = replay(events.map((e) => e.event));
    // Before deciding: the stream may already hold this command's events (a resend after a timeout).
    const earlier = options.commandId === undefined ? [] : storedBy(events, streamName, options.commandId);
    if (earlier.length > 0) return { newEvents: earlier, nextExpectedVersion: currentVersion, state, attempts: attempt, alreadyHandled: true };
    const decision = decide(checked, state, context);
    if (decision._tag === 'Left') throw decision.left;
    const newEvents = decision.right;
    if (newEvents.length === 0) return { newEvents, nextExpectedVersion: currentVersion, state, attempts: attempt, alreadyHandled: false };

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
      // The store found this command's events stored after our read (the same command id handled
      // at the same moment elsewhere): read again, and answer with what that one stored.
      if (result.nextExpectedVersion !== currentVersion + newEvents.length) {
        if (attempt > retry.maxRetries) throw new VersionConflict(streamName, currentVersion, result.nextExpectedVersion);
        continue;
      }
      return { newEvents, nextExpectedVersion: result.nextExpectedVersion, state: newEvents.reduce(evolve, state), attempts: attempt, alreadyHandled: false };
    } catch (error) {
      const racedItself = error instanceof DuplicateEventId && options.commandId !== undefined;
      if (!(error instanceof VersionConflict || racedItself) || attempt > retry.maxRetries) throw error;
      if (!racedItself) await sleep(backoffDelay(retry, attempt));
    }
  }
};

/** The events a command id stored in this stream: consecutive, from its first derived id on (one append, all or nothing). */
const storedBy = (events: readonly RecordedEvent<ContractEvent>[], streamName: string, commandId: string): ContractEvent[] => {
  const first = commandEventId(streamName, commandId, 0);
  const start = events.findIndex((e) => e.metadata.eventId === first);
  if (start < 0) return [];
  const stored: ContractEvent[] = [events[start]!.event];
  for (let i = start + 1; i < events.length && events[i]!.metadata.eventId === commandEventId(streamName, commandId, stored.length); i++) {
    stored.push(events[i]!.event);
  }
  return stored;
};
