import type { ContractEvent, EventData, OrderId, PartyRole } from '@fagsign/domain';
import { applyCorrection, flagsOf, sharedPairs } from './contact-flags.js';
import { officeKeyOf, type ContactFlags, type ContractsState, type ContractSummary, type OrderSummary } from './summary.js';

/**
 * Folds one event into the contracts read model, in place. It follows the domain's `evolve`
 * (the property tests hold it to evolve's statuses), keeping only what reports need. Events
 * about a contract that was never registered are ignored: they cannot be placed in an office.
 */
export const applyContractEvent = (state: ContractsState, event: ContractEvent): void => {
  if (event.type === 'ContractRegistered') return register(state, event.data);
  const contract = state.contracts.get(event.data.contractId);
  if (contract === undefined) return;
  switch (event.type) {
    case 'ContactDataCorrected':
      if (contract.contacts[event.data.role] !== undefined || event.data.changes.name !== undefined) {
        applyCorrection(contract, event.data.role, event.data.changes);
        contract.contactCorrectedAt = event.data.at;
      }
      return;
    case 'StartDateChanged':
      contract.startDate = event.data.startDate;
      return;
    case 'OrderCreated':
      return createOrder(contract, event.data);
    case 'Resigned':
      contract.resigned++;
      return;
    case 'OrderAccepted': {
      // a job the service made for an order we had already ended does not reopen it
      const order = findOrder(contract, event.data.orderId);
      if (order !== undefined && (order.status === 'created' || order.status === 'awaiting-retry')) {
        order.status = 'accepted';
        order.retryAt = null;
      }
      return;
    }
    case 'ProviderErrorOccurred': {
      const d = event.data;
      const order = findOrder(contract, d.orderId);
      if (order !== undefined) {
        if (d.retryAt !== null) order.status = 'awaiting-retry';
        order.providerErrors = d.errorCount;
        order.lastProviderError = d.code;
        order.retryAt = d.retryAt;
      }
      return;
    }
    case 'SignerSigned': {
      const order = findOrder(contract, event.data.orderId);
      if (order !== undefined && order.signers[event.data.role] !== undefined) order.signers[event.data.role] = 'signed';
      return;
    }
    case 'SignerFailed':
      return signerFailed(contract, event.data);
    case 'ReminderSent':
      contract.remindersSent++;
      return;
    case 'Expired':
      endOrder(contract, event.data.orderId, event.data.at, 'expired');
      return;
    case 'OrderCancelled': {
      const order = endOrder(contract, event.data.orderId, event.data.at, 'cancelled');
      if (order !== undefined) order.cancelReason = event.data.reason;
      return;
    }
    case 'OrderFailed': {
      const order = endOrder(contract, event.data.orderId, event.data.at, 'failed');
      if (order !== undefined) order.failureCause = event.data.cause;
      return;
    }
    case 'ContractSignedElectronically': {
      const { at, orderId } = event.data;
      const order = findOrder(contract, orderId);
      if (order !== undefined) {
        order.status = 'completed';
        order.endedAt = at;
        order.retryAt = null;
      }
      contract.status = 'signed-electronically';
      contract.closedAt = at;
      contract.followUp = {
        archive: { done: false, attempts: 0, retryAt: at, lastError: null },
        vigo: { done: false, attempts: 0, retryAt: at, lastError: null },
      };
      return;
    }
    case 'ContractSignedManually':
      contract.status = 'signed-manually';
      contract.closedAt = event.data.at;
      contract.manualReason = event.data.reason;
      return;
    case 'ContractWithdrawn':
      contract.status = 'withdrawn';
      contract.closedAt = event.data.at;
      contract.withdrawalReason = event.data.reason;
      return;
    case 'SignedDocumentArchived':
    case 'VigoUpdated': {
      const step = contract.followUp?.[event.type === 'VigoUpdated' ? 'vigo' : 'archive'];
      if (step !== undefined) {
        step.done = true;
        step.retryAt = null;
      }
      return;
    }
    case 'FollowUpFailed': {
      const step = contract.followUp?.[event.data.step];
      if (step !== undefined) {
        step.attempts = event.data.attempt;
        step.retryAt = event.data.retryAt;
        step.lastError = event.data.code;
      }
      return;
    }
    case 'LateSignatureReported':
      return lateSignature(contract, event.data);
  }
};

/** Kept on its order, which stays ended: the attention list shows it until a person acts. */
const lateSignature = (contract: ContractSummary, d: EventData<'LateSignatureReported'>): void => {
  const order = findOrder(contract, d.orderId);
  if (order === undefined || order.signers[d.role] === undefined) return;
  order.lateSignatures = { ...order.lateSignatures, [d.role]: d.at };
};

const register = (state: ContractsState, d: EventData<'ContractRegistered'>): void => {
  if (state.contracts.get(d.contractId) !== undefined) return;
  const key = officeKeyOf(d.county, d.office.orgNumber);
  const office = state.offices.get(key);
  if (office === undefined) {
    state.offices.set(key, { key, county: d.county, orgNumber: d.office.orgNumber, name: d.office.name, kind: d.office.kind });
  } else if (office.name !== d.office.name) {
    office.name = d.office.name;
  }
  const contacts: Partial<Record<PartyRole, ContactFlags>> = {};
  for (const party of d.parties) contacts[party.role] = flagsOf(party);
  state.contracts.set(d.contractId, {
    contractId: d.contractId,
    // the map's own key string, so 100 000 contracts of one office share one string
    office: office?.key ?? key,
    contractType: d.contractType,
    status: 'registered',
    registeredAt: d.at,
    startDate: d.startDate ?? null,
    contacts,
    shared: sharedPairs(d.parties),
    contactCorrectedAt: null,
    orders: [],
    resigned: 0,
    remindersSent: 0,
    closedAt: null,
    manualReason: null,
    withdrawalReason: null,
    followUp: null,
  });
};

const createOrder = (contract: ContractSummary, d: EventData<'OrderCreated'>): void => {
  const signers: OrderSummary['signers'] = {};
  for (const signer of d.signers) signers[signer.role] = 'waiting';
  contract.orders.push({
    orderId: d.orderId,
    createdAt: d.at,
    deadline: d.deadline,
    status: 'created',
    signers,
    retryAt: null,
    providerErrors: 0,
    lastProviderError: null,
    endedAt: null,
    failureCause: null,
    cancelReason: null,
    diagnosis: null,
    diagnosisRole: null,
  });
  contract.status = 'in-signing';
};

const signerFailed = (contract: ContractSummary, d: EventData<'SignerFailed'>): void => {
  const order = findOrder(contract, d.orderId);
  if (order === undefined) return;
  const signer = order.signers[d.role];
  if (signer !== undefined && signer !== 'signed') order.signers[d.role] = 'failed';
  // The evolve rule: a person's diagnosis outranks the service's, and a later one an earlier one.
  if (d.source === 'staff' || order.diagnosis === null) {
    order.diagnosis = d.cause;
    order.diagnosisRole = d.role;
  }
};

const findOrder = (contract: ContractSummary, orderId: OrderId): OrderSummary | undefined => {
  const orders = contract.orders;
  for (let i = orders.length - 1; i >= 0; i--) if (orders[i]!.orderId === orderId) return orders[i];
  return undefined;
};

const endOrder = (contract: ContractSummary, orderId: OrderId, at: EventData<'Expired'>['at'], status: 'expired' | 'cancelled' | 'failed'): OrderSummary | undefined => {
  const order = findOrder(contract, orderId);
  if (order === undefined) return undefined;
  order.status = status;
  order.endedAt = at;
  order.retryAt = null;
  // Only the current order's end changes the contract; a closed contract keeps its status.
  if (order === contract.orders[contract.orders.length - 1] && contract.status === 'in-signing') contract.status = 'order-ended';
  return order;
};
