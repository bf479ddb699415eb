import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { DateTime } from 'luxon';
import type { OrderId } from '../model/contract-id.js';
import type { PartyRole } from '../model/party-role.js';
import { instantOf, type Instant } from '../model/time.js';
import type { SigningPolicy } from '../policy/signing-policy.js';
import { UnknownOrder, UnknownSigner, type ContractError } from './errors.js';
import type { ContractEvent } from './events.js';
import type { ContractDetails, ContractState, OrderState, SignerState } from './state.js';
import { activeOrderStatuses, findOrder, isClosed } from './state.js';

export type Decision = Either<ContractError, ContractEvent[]>;

/** What decide's helpers get once the contract is known to be registered. */
export interface Registered {
  readonly state: ContractState;
  readonly contract: ContractDetails;
  readonly now: DateTime;
  readonly policy: SigningPolicy;
}

/** A command that changes nothing: a duplicate, or a fact that arrived after the order or contract ended. */
export const nothing = (): Decision => right([]);

export const nowOf = (r: Registered): Instant => instantOf(r.now);

/** An order that may still change: the contract is open and the order has not ended. */
export const isLive = (r: Registered, order: OrderState): boolean => !isClosed(r.state) && activeOrderStatuses.has(order.status);

export const withOrder = (r: Registered, orderId: OrderId, run: (order: OrderState) => Decision): Decision => {
  const order = findOrder(r.state, orderId);
  return order === undefined ? left(new UnknownOrder(orderId)) : run(order);
};

export const withSigner = (
  r: Registered,
  orderId: OrderId,
  role: PartyRole,
  run: (order: OrderState, signer: SignerState) => Decision,
): Decision =>
  withOrder(r, orderId, (order) => {
    const signer = order.signers.find((s) => s.role === role);
    return signer === undefined ? left(new UnknownSigner(orderId, role)) : run(order, signer);
  });
