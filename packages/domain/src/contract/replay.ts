import type { ContractCommand } from './commands.js';
import { decide, type DecideContext } from './decide.js';
import type { ContractEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialState, type ContractState } from './state.js';

/** Folds a contract's history from the start. */
export const replay = (events: Iterable<ContractEvent>, from: ContractState = initialState): ContractState => {
  let state = from;
  for (const e of events) state = evolve(state, e);
  return state;
};

/** `decide` for callers who do not use fp-ts: the events, or the typed `DomainError` thrown. */
export const decideOrThrow = (command: ContractCommand, state: ContractState, context: DecideContext): ContractEvent[] => {
  const decision = decide(command, state, context);
  if (decision._tag === 'Left') throw decision.left;
  return decision.right;
};

/** The decider as one value, in the shape event-sourcing libraries (Emmett and others) expect. */
export const contractDecider = { decide, evolve, initialState } as const;
