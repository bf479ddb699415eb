import type { ContractId, OrderId } from '../model/contract-id.js';
import type { County } from '../model/county.js';
import type { Company, Office } from '../model/office.js';
import type { ContractType } from '../model/contract-type.js';
import type { NotificationChannel, PartyRole } from '../model/party-role.js';
import type { Party } from '../model/party.js';
import type { Instant, LocalDate } from '../model/time.js';
import type { CancelReason, FollowUpStep, ManualSigningReason, OrderFailureCause, SignerFailureCause, WithdrawalReason } from './causes.js';
import type { PreflightOverride } from './events.js';
import type { SubmissionState } from './submission.js';

export interface ContractDetails {
  readonly contractId: ContractId;
  readonly county: County;
  readonly office: Office;
  readonly company: Company | undefined;
  readonly contractType: ContractType;
  readonly startDate: LocalDate | undefined;
  readonly parties: Readonly<Partial<Record<PartyRole, Party>>>;
  readonly registeredAt: Instant;
  /** The last time any contact data was corrected; an automatic new order waits for a correction after a failure. */
  readonly contactCorrectedAt: Instant | undefined;
}

export type SignerStatus = 'waiting' | 'signed' | 'failed';

export interface SignerState {
  readonly role: PartyRole;
  readonly channel: NotificationChannel;
  readonly group: number;
  readonly status: SignerStatus;
  /** When the signer signed or failed. */
  readonly at: Instant | undefined;
  readonly failureCause: SignerFailureCause | undefined;
  readonly remindedAt: Instant | undefined;
  /** When the signer signed, as reported after the order had ended (the order's end stands). */
  readonly signedLateAt: Instant | undefined;
}

/**
 * - `created`: recorded by us, not yet accepted by the signing service.
 * - `accepted`: a job at the signing service, out for signing.
 * - `awaiting-retry`: the service answered with an error; we try again at `retryAt`.
 * - `completed`: every signer signed. `failed`, `expired`, `cancelled`: ended without signatures.
 */
export type OrderStatus = 'created' | 'accepted' | 'awaiting-retry' | 'completed' | 'failed' | 'expired' | 'cancelled';
export const activeOrderStatuses: ReadonlySet<OrderStatus> = new Set(['created', 'accepted', 'awaiting-retry']);

export interface OrderState {
  readonly orderId: OrderId;
  readonly attempt: number;
  readonly createdAt: Instant;
  readonly validityDays: number;
  readonly deadline: Instant;
  readonly remindAt: Instant | null;
  readonly signers: readonly SignerState[];
  readonly overrides: readonly PreflightOverride[];
  readonly status: OrderStatus;
  readonly providerJobId: string | undefined;
  /**
   * A job exists at the signing service and may still take signatures: true from acceptance until
   * the service ends it (completed, failed, expired, cancelled there) or we cancel it after ending
   * the order ourselves.
   */
  readonly jobOpen: boolean;
  readonly providerErrors: number;
  readonly lastProviderError: string | undefined;
  readonly retryAt: Instant | undefined;
  readonly endedAt: Instant | undefined;
  readonly failureCause: OrderFailureCause | undefined;
  readonly cancelReason: CancelReason | undefined;
  /** Why the order did not succeed, as a person or the service diagnosed it, even after it ended (a person's word wins). */
  readonly diagnosis: SignerFailureCause | undefined;
  /** An upload in doubt and the upload count (submission.ts); undefined while the first upload is not in doubt. */
  readonly submission: SubmissionState | undefined;
}

export interface FollowUpState {
  readonly done: boolean;
  readonly attempts: number;
  readonly retryAt: Instant | null;
  readonly lastError: string | undefined;
  readonly reference: string | undefined;
}

/**
 * - `unregistered`: nothing in the stream yet.
 * - `registered`: registered, no order yet (awaiting review before it is prepared for signing).
 * - `in-signing`: an order is active.
 * - `order-ended`: the last order failed, expired or was cancelled: issue a new order or sign on paper.
 * - `signed-electronically`, `signed-manually`, `withdrawn`: the end; no signing command is accepted.
 */
export type ContractStatus =
  | 'unregistered'
  | 'registered'
  | 'in-signing'
  | 'order-ended'
  | 'signed-electronically'
  | 'signed-manually'
  | 'withdrawn';

export const closedStatuses: ReadonlySet<ContractStatus> = new Set(['signed-electronically', 'signed-manually', 'withdrawn']);

export interface ContractState {
  readonly status: ContractStatus;
  readonly contract: ContractDetails | undefined;
  /** Every order, oldest first; only the last can be active. */
  readonly orders: readonly OrderState[];
  readonly closedAt: Instant | undefined;
  readonly manualReason: ManualSigningReason | undefined;
  readonly withdrawalReason: WithdrawalReason | undefined;
  readonly followUp: Readonly<Record<FollowUpStep, FollowUpState>> | undefined;
  /** Where the signing service keeps the signed document, once signed electronically (for the archive step). */
  readonly signedDocument: string | undefined;
}

export const initialState: ContractState = {
  status: 'unregistered',
  contract: undefined,
  orders: [],
  closedAt: undefined,
  manualReason: undefined,
  withdrawalReason: undefined,
  followUp: undefined,
  signedDocument: undefined,
};

export const currentOrder = (state: ContractState): OrderState | undefined => state.orders[state.orders.length - 1];

export const activeOrder = (state: ContractState): OrderState | undefined => {
  const order = currentOrder(state);
  return order !== undefined && activeOrderStatuses.has(order.status) ? order : undefined;
};

export const findOrder = (state: ContractState, orderId: OrderId): OrderState | undefined => {
  for (let i = state.orders.length - 1; i >= 0; i--) if (state.orders[i]!.orderId === orderId) return state.orders[i];
  return undefined;
};

export const isClosed = (state: ContractState): boolean => closedStatuses.has(state.status);
