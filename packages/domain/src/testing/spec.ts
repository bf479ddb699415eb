import type { DateTime } from 'luxon';
import type { ContractCommand } from '../contract/commands.js';
import { encodeEvent } from '../contract/codecs.js';
import { decide, type DecideContext } from '../contract/decide.js';
import type { ContractEvent } from '../contract/events.js';
import { replay } from '../contract/replay.js';
import type { ContractState } from '../contract/state.js';
import type { PolicyBook, SigningPolicy } from '../policy/signing-policy.js';

/** Thrown when a given/when/then expectation does not hold. Its message shows events with personal data redacted. */
export class SpecFailure extends Error {
  override name = 'SpecFailure';
}

type ErrorClass = abstract new (...args: never[]) => Error;

export interface Then {
  /** The command produced exactly these events (compared in their stored form, personal data included). */
  then(expected: readonly ContractEvent[]): ContractState;
  /** The command produced no events: a duplicate, or a fact that came too late. */
  thenNothing(): ContractState;
  /** The command was refused with this error class; `check` may look closer. */
  thenFails<E extends Error>(errorClass: ErrorClass & (abstract new (...args: never[]) => E), check?: (error: E) => void): void;
  /** Custom checks on the events and the state after them. */
  thenEvents(check: (events: readonly ContractEvent[], state: ContractState) => void): ContractState;
}

export interface When {
  when(command: ContractCommand, at?: DateTime): Then;
}

/**
 * A given/when/then helper for the decider: `given` a history, `when` a command at a time,
 * `then` the events or the error. Works under any test runner; failures throw `SpecFailure`.
 *
 *     contractSpec({ now }).given([registered]).when({ type: 'CreateOrder' }).then([created]);
 */
export const contractSpec = (defaults: { now: DateTime; policy?: SigningPolicy | PolicyBook }) => ({
  given(history: readonly ContractEvent[] = []): When {
    const state = replay(history);
    return {
      when(command, at) {
        const context: DecideContext = { now: at ?? defaults.now, ...(defaults.policy ? { policy: defaults.policy } : {}) };
        const decision = decide(command, state, context);
        const events = (): ContractEvent[] => {
          if (decision._tag === 'Left') {
            throw new SpecFailure(`${command.type} was refused: ${decision.left.name}: ${decision.left.message}`);
          }
          return decision.right;
        };
        return {
          then(expected) {
            const actual = events();
            assertSameEvents(actual, expected);
            return replay(actual, state);
          },
          thenNothing() {
            const actual = events();
            if (actual.length > 0) throw new SpecFailure(`Expected no events, got:\n${show(actual)}`);
            return state;
          },
          thenFails(errorClass, check) {
            if (decision._tag === 'Right') {
              throw new SpecFailure(`Expected ${errorClass.name}, got events:\n${show(decision.right)}`);
            }
            if (!(decision.left instanceof errorClass)) {
              throw new SpecFailure(`Expected ${errorClass.name}, got ${decision.left.name}: ${decision.left.message}`);
            }
            check?.(decision.left as never);
          },
          thenEvents(check) {
            const actual = events();
            const after = replay(actual, state);
            check(actual, after);
            return after;
          },
        };
      },
    };
  },
});

const show = (events: readonly ContractEvent[]): string => events.map((e) => `  ${JSON.stringify(e)}`).join('\n');

/** The stored form with keys sorted, so two events compare equal whatever order their fields were written in. */
const stored = (events: readonly ContractEvent[]): string => JSON.stringify(events.map(encodeEvent), sortedKeys);

const sortedKeys = (_key: string, value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

const assertSameEvents = (actual: readonly ContractEvent[], expected: readonly ContractEvent[]): void => {
  if (stored(actual) === stored(expected)) return;
  const visible = show(actual) === show(expected);
  throw new SpecFailure(
    `Events differ${visible ? ' (in personal data, which is not shown)' : ''}.\nExpected:\n${show(expected)}\nActual:\n${show(actual)}`,
  );
};
