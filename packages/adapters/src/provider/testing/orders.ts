import {
  currentOrder,
  decideOrThrow,
  defaultPolicy,
  initialState,
  partyRoles,
  preflightCodes,
  replay,
  type ContractCommand,
  type ContractDetails,
  type ContractState,
  type OrderState,
  type PreflightOverride,
  type RegisterContract,
  type SigningPolicy,
} from '@fagsign/domain';
import { DateTime } from 'luxon';

/** Every pre-flight problem accepted, so tests can send orders with flawed contact data on purpose. */
const acceptEverything: PreflightOverride[] = preflightCodes.flatMap((code) =>
  [...partyRoles, undefined].map((role) => ({ code, reason: 'Test', by: 'test', ...(role ? { role } : {}) })),
);

export interface ContractWithOrder {
  readonly state: ContractState;
  readonly contract: ContractDetails;
  readonly order: OrderState;
}

/** Registers the contract and creates its first order through the real decider, at `at`. */
export const contractWithOrder = (register: RegisterContract, at: string, policy: SigningPolicy = defaultPolicy): ContractWithOrder => {
  const now = DateTime.fromISO(at, { zone: 'utc' });
  let state = initialState;
  const apply = (command: ContractCommand) => {
    state = replay(decideOrThrow(command, state, { now, policy }), state);
  };
  apply(register);
  apply({ type: 'CreateOrder', overrides: acceptEverything });
  return { state, contract: state.contract!, order: currentOrder(state)! };
};
