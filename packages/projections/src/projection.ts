import type { ContractEvent } from '@fagsign/domain';

/**
 * A read model built by folding the global log. `apply` mutates the state in place: a rebuild
 * folds millions of events, and copying state per event (immer, spreads) would cost more than
 * the fold itself. Only the runner owns a state, so nobody observes it half-updated.
 *
 * `serialize`/`deserialize` turn the state into JSON-safe data for `saveProjection` and back; the
 * state may use Maps for speed, the saved form never holds anything JSON cannot.
 */
export interface Projection<S> {
  /** Where the snapshot is saved; stable across versions. */
  readonly name: string;
  /** Bump it when `apply` changes meaning: the runner then rebuilds beside the old snapshot. */
  readonly version: number;
  initialState(): S;
  apply(state: S, event: ContractEvent): void;
  serialize(state: S): unknown;
  deserialize(saved: unknown): S;
}

/** Folds events into a fresh state; handy for tests and for one contract's stream. */
export const foldEvents = <S>(projection: Projection<S>, events: Iterable<ContractEvent>, state: S = projection.initialState()): S => {
  for (const event of events) projection.apply(state, event);
  return state;
};
