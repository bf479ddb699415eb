import type { OrderId } from '../model/contract-id.js';
import type { PartyRole } from '../model/party-role.js';
import type { Party } from '../model/party.js';
import type { Instant } from '../model/time.js';
import type { ContractEvent } from './events.js';
import type { FollowUpStep } from './causes.js';
import type { ContractDetails, ContractState, FollowUpState, OrderState, SignerState } from './state.js';

/**
 * Folds one event into the state. Pure and total: an event that does not fit the state (which
 * `decide` never produces) leaves the state as it was rather than throwing, so a store's history
 * can always be read.
 */
export const evolve = (state: ContractState, event: ContractEvent): ContractState => {
  switch (event.type) {
    case 'ContractRegistered': {
      const d = event.data;
      const parties: Partial<Record<PartyRole, Party>> = {};
      for (const party of d.parties) parties[party.role] = party;
      const contract: ContractDetails = {
        contractId: d.contractId,
        county: d.county,
        office: d.office,
        company: d.company,
        contractType: d.contractType,
        startDate: d.startDate,
        parties,
        registeredAt: d.at,
        contactCorrectedAt: undefined,
      };
      return { ...state, status: 'registered', contract };
    }
    case 'ContactDataCorrected': {
      const contract = state.contract;
      if (contract === undefined) return state;
      const { role, changes, at } = event.data;
      const existing = contract.parties[role];
      const name = changes.name ?? existing?.name;
      if (name === undefined) return state;
      const party: Party = { ...existing, ...changes, role, name };
      return { ...state, contract: { ...contract, parties: { ...contract.parties, [role]: party }, contactCorrectedAt: at } };
    }
    case 'StartDateChanged':
      return state.contract === undefined ? state : { ...state, contract: { ...state.contract, startDate: event.data.startDate } };
    case 'OrderCreated': {
      const d = event.data;
      const order: OrderState = {
        orderId: d.orderId,
        attempt: d.attempt,
        createdAt: d.at,
        validityDays: d.validityDays,
        deadline: d.deadline,
        remindAt: d.remindAt,
        signers: d.signers.map(
          (s): SignerState => ({ ...s, status: 'waiting', at: undefined, failureCause: undefined, remindedAt: undefined }),
        ),
        overrides: d.overrides,
        status: 'created',
        providerJobId: undefined,
        providerErrors: 0,
        lastProviderError: undefined,
        retryAt: undefined,
        endedAt: undefined,
        failureCause: undefined,
        cancelReason: undefined,
        diagnosis: undefined,
      };
      return { ...state, status: 'in-signing', orders: [...state.orders, order] };
    }
    case 'Resigned':
      return state;
    case 'OrderAccepted':
      return updateOrder(state, event.data.orderId, (o) => ({
        ...o,
        status: 'accepted',
        providerJobId: event.data.providerJobId,
        retryAt: undefined,
      }));
    case 'ProviderErrorOccurred': {
      const d = event.data;
      return updateOrder(state, d.orderId, (o) => ({
        ...o,
        status: d.retryAt === null ? o.status : 'awaiting-retry',
        providerErrors: d.errorCount,
        lastProviderError: d.code,
        retryAt: d.retryAt ?? undefined,
      }));
    }
    case 'SignerSigned':
      return updateSigner(state, event.data.orderId, event.data.role, (s) => ({ ...s, status: 'signed', at: event.data.at }));
    case 'SignerFailed': {
      const d = event.data;
      const next = updateSigner(state, d.orderId, d.role, (s) => ({
        ...s,
        status: s.status === 'signed' ? s.status : 'failed',
        at: s.status === 'signed' ? s.at : d.at,
        failureCause: d.cause,
      }));
      // A person's diagnosis outranks the service's status, and a later one outranks an earlier one.
      return updateOrder(next, d.orderId, (o) =>
        d.source === 'staff' || o.diagnosis === undefined ? { ...o, diagnosis: d.cause } : o,
      );
    }
    case 'ReminderSent':
      return updateSigner(state, event.data.orderId, event.data.role, (s) => ({ ...s, remindedAt: event.data.at }));
    case 'Expired':
      return endOrder(state, event.data.orderId, event.data.at, (o) => ({ ...o, status: 'expired' }));
    case 'OrderCancelled':
      return endOrder(state, event.data.orderId, event.data.at, (o) => ({
        ...o,
        status: 'cancelled',
        cancelReason: event.data.reason,
      }));
    case 'OrderFailed':
      return endOrder(state, event.data.orderId, event.data.at, (o) => ({
        ...o,
        status: 'failed',
        failureCause: event.data.cause,
      }));
    case 'ContractSignedElectronically': {
      const { at, orderId } = event.data;
      const next = updateOrder(state, orderId, (o) => ({ ...o, status: 'completed', endedAt: at, retryAt: undefined }));
      const pending: FollowUpState = { done: false, attempts: 0, retryAt: at, lastError: undefined, reference: undefined };
      return { ...next, status: 'signed-electronically', closedAt: at, followUp: { archive: pending, vigo: pending } };
    }
    case 'ContractSignedManually':
      return { ...state, status: 'signed-manually', closedAt: event.data.at, manualReason: event.data.reason };
    case 'ContractWithdrawn':
      return { ...state, status: 'withdrawn', closedAt: event.data.at, withdrawalReason: event.data.reason };
    case 'SignedDocumentArchived':
      return updateFollowUp(state, 'archive', (f) => ({ ...f, done: true, retryAt: null, reference: event.data.archiveReference }));
    case 'VigoUpdated':
      return updateFollowUp(state, 'vigo', (f) => ({ ...f, done: true, retryAt: null }));
    case 'FollowUpFailed': {
      const d = event.data;
      return updateFollowUp(state, d.step, (f) => ({ ...f, attempts: d.attempt, retryAt: d.retryAt, lastError: d.code }));
    }
    default:
      return state;
  }
};

const updateOrder = (state: ContractState, orderId: OrderId, update: (order: OrderState) => OrderState): ContractState => {
  const orders = state.orders;
  for (let i = orders.length - 1; i >= 0; i--) {
    if (orders[i]!.orderId === orderId) {
      const copy = orders.slice();
      copy[i] = update(orders[i]!);
      return { ...state, orders: copy };
    }
  }
  return state;
};

const updateSigner = (
  state: ContractState,
  orderId: OrderId,
  role: PartyRole,
  update: (signer: SignerState) => SignerState,
): ContractState =>
  updateOrder(state, orderId, (o) => {
    const index = o.signers.findIndex((s) => s.role === role);
    if (index < 0) return o;
    const signers = o.signers.slice();
    signers[index] = update(o.signers[index]!);
    return { ...o, signers };
  });

const endOrder = (
  state: ContractState,
  orderId: OrderId,
  at: Instant,
  update: (order: OrderState) => OrderState,
): ContractState => {
  const next = updateOrder(state, orderId, (o) => update({ ...o, endedAt: at, retryAt: undefined }));
  // Only the current order's end changes the contract; a contract that closed (signed on paper,
  // withdrawn) keeps its status when its order ends with it.
  const endsCurrent = next.orders[next.orders.length - 1]?.orderId === orderId;
  return endsCurrent && next.status === 'in-signing' ? { ...next, status: 'order-ended' } : next;
};

const updateFollowUp = (
  state: ContractState,
  step: FollowUpStep,
  update: (followUp: FollowUpState) => FollowUpState,
): ContractState =>
  state.followUp === undefined ? state : { ...state, followUp: { ...state.followUp, [step]: update(state.followUp[step]) } };
