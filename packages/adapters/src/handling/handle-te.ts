import { DomainError, type ContractCommand, type ContractError, type ContractEvent, type ContractId, type DecideContext } from '@fagsign/domain';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { EventStore } from '../store/event-store.js';
import { StoreError } from '../store/errors.js';
import { handle, type HandleOptions, type HandleResult } from './handle.js';

/** Everything `handle` may fail with: the decider's refusals and the store's errors. */
export type HandleError = ContractError | StoreError;

const asHandleError = (error: unknown): HandleError => {
  if (error instanceof DomainError || error instanceof StoreError) return error as HandleError;
  // Anything else is a bug, not an outcome: let the Task reject rather than hide it in a Left.
  throw error;
};

/** `handle` for fp-ts users: typed failures in Left, the result in Right. */
export const handleTE = (
  store: EventStore<ContractEvent>,
  contractId: ContractId,
  command: ContractCommand,
  context: DecideContext,
  options?: HandleOptions,
): TE.TaskEither<HandleError, HandleResult> => TE.tryCatch(() => handle(store, contractId, command, context, options), asHandleError);
