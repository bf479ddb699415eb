import type { OrderId } from '../model/contract-id.js';
import type { PartyRole } from '../model/party-role.js';
import type { Party } from '../model/party.js';
import type { Instant } from '../model/time.js';
import type { ContractEvent } from './events.js';
import type { FollowUpStep } from './causes.js';
import { submissionAfter } from './submission.js';
import { activeOrderStatuses, type ContractState, type FollowUpState, type OrderState, type SignerState } from './state.js';

/**
 * Folds one event into the state. Pure and total: an event that does not fit the state (which
 * `decide` never produces) leaves the state as it was rather than throwing, so a store's history
 * can always be read.
 *
 * Copy-on-write by hand: each update copies the objects on its path with an explicit literal
 * (one hidden class per type, no object spread, which V8 runs several times slower here), then
 * sets the changed fields on the fresh copy before anyone else can see it.
 */
export const evolve = (state: ContractState, event: ContractEvent): ContractState => {
  switch (event.type) {
    case 'ContractRegistered': {
      const d = event.data;
      const parties: Partial<Record<PartyRole, Party>> = {};
      for (const party of d.parties) parties[party.role] = party;
      const next = copyState(state);
      next.status = 'registered';
      next.contract = {
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
      return next;
    }
    case 'ContactDataCorrected': {
      const contract = state.contract;
      if (contract === undefined) return state;
      const { role, changes, at } = event.data;
      const existing = contract.parties[role];
      const name = changes.name ?? existing?.name;
      if (name === undefined) return state;
      const party: Party = { ...existing, ...changes, role, name };
      const next = copyState(state);
      next.contract = { ...contract, parties: { ...contract.parties, [role]: party }, contactCorrectedAt: at };
      return next;
    }
    case 'StartDateChanged': {
      if (state.contract === undefined) return state;
      const next = copyState(state);
      next.contract = { ...state.contract, startDate: event.data.startDate };
      return next;
    }
    case 'OrderCreated': {
      const d = event.data;
      const signers: SignerState[] = new Array(d.signers.length);
      for (let i = 0; i < d.signers.length; i++) {
        const s = d.signers[i]!;
        signers[i] = { role: s.role, channel: s.channel, group: s.group, status: 'waiting', at: undefined, failureCause: undefined, remindedAt: undefined, signedLateAt: undefined };
      }
      const order: OrderState = {
        orderId: d.orderId,
        attempt: d.attempt,
        createdAt: d.at,
        validityDays: d.validityDays,
        deadline: d.deadline,
        remindAt: d.remindAt,
        signers,
        overrides: d.overrides,
        status: 'created',
        providerJobId: undefined,
        jobOpen: false,
        providerErrors: 0,
        lastProviderError: undefined,
        retryAt: undefined,
        endedAt: undefined,
        failureCause: undefined,
        cancelReason: undefined,
        diagnosis: undefined,
        submission: undefined,
      };
      const next = copyState(state);
      next.status = 'in-signing';
      next.orders = [...state.orders, order];
      return next;
    }
    case 'Resigned':
      return state;
    case 'OrderAccepted':
      return updateOrder(state, event.data.orderId, (o) => {
        // A job the service made for an order we had already ended stays recorded (to be cancelled
        // there), but does not reopen the order.
        if (activeOrderStatuses.has(o.status)) o.status = 'accepted';
        o.providerJobId = event.data.providerJobId;
        o.jobOpen = true;
        o.retryAt = undefined;
        if (o.submission !== undefined) o.submission = { uncertainSince: undefined, upload: o.submission.upload };
      });
    case 'SubmissionUncertain':
    case 'UncertainSubmissionResolved':
      return updateOrder(state, event.data.orderId, (o) => {
        o.submission = submissionAfter(o, event);
      });
    case 'ProviderErrorOccurred': {
      const d = event.data;
      return updateOrder(state, d.orderId, (o) => {
        if (d.retryAt !== null) o.status = 'awaiting-retry';
        o.providerErrors = d.errorCount;
        o.lastProviderError = d.code;
        o.retryAt = d.retryAt ?? undefined;
      });
    }
    case 'SignerSigned':
      return updateSigner(state, event.data.orderId, event.data.role, (s) => {
        s.status = 'signed';
        s.at = event.data.at;
      });
    case 'SignerFailed': {
      const d = event.data;
      return updateOrder(state, d.orderId, (o) => {
        const index = o.signers.findIndex((s) => s.role === d.role);
        if (index >= 0) {
          const signer = copySigner(o.signers[index]!);
          if (signer.status !== 'signed') {
            signer.status = 'failed';
            signer.at = d.at;
          }
          signer.failureCause = d.cause;
          const signers = o.signers.slice();
          signers[index] = signer;
          o.signers = signers;
        }
        // A person's diagnosis outranks the service's status, and a later one outranks an earlier one.
        if (d.source === 'staff' || o.diagnosis === undefined) o.diagnosis = d.cause;
      });
    }
    case 'ReminderSent':
      return updateSigner(state, event.data.orderId, event.data.role, (s) => {
        s.remindedAt = event.data.at;
      });
    case 'Expired':
      return endOrder(state, event.data.orderId, event.data.at, (o) => {
        o.status = 'expired';
        if (event.data.reportedByProvider === true) o.jobOpen = false;
      });
    case 'OrderCancelled':
      return endOrder(state, event.data.orderId, event.data.at, (o) => {
        o.status = 'cancelled';
        o.cancelReason = event.data.reason;
        if (event.data.reason === 'cancelled-at-provider') o.jobOpen = false;
      });
    case 'OrderFailed':
      return endOrder(state, event.data.orderId, event.data.at, (o) => {
        o.status = 'failed';
        o.failureCause = event.data.cause;
        o.jobOpen = false; // the service failed the job, or never made one
      });
    case 'ProviderJobCancelled':
      return updateOrder(state, event.data.orderId, (o) => {
        o.jobOpen = false;
      });
    case 'ContractSignedElectronically': {
      const { at, orderId } = event.data;
      const next = copyState(
        updateOrder(state, orderId, (o) => {
          o.status = 'completed';
          o.jobOpen = false;
          o.endedAt = at;
          o.retryAt = undefined;
        }),
      );
      next.status = 'signed-electronically';
      next.closedAt = at;
      next.followUp = { archive: pendingFollowUp(at), vigo: pendingFollowUp(at) };
      next.signedDocument = event.data.signedDocument;
      return next;
    }
    case 'ContractSignedManually': {
      const next = copyState(state);
      next.status = 'signed-manually';
      next.closedAt = event.data.at;
      next.manualReason = event.data.reason;
      return next;
    }
    case 'ContractWithdrawn': {
      const next = copyState(state);
      next.status = 'withdrawn';
      next.closedAt = event.data.at;
      next.withdrawalReason = event.data.reason;
      return next;
    }
    case 'SignedDocumentArchived':
      return updateFollowUp(state, 'archive', (f) => {
        f.done = true;
        f.retryAt = null;
        f.reference = event.data.archiveReference;
      });
    case 'VigoUpdated':
      return updateFollowUp(state, 'vigo', (f) => {
        f.done = true;
        f.retryAt = null;
      });
    case 'FollowUpFailed': {
      const d = event.data;
      return updateFollowUp(state, d.step, (f) => {
        f.attempts = d.attempt;
        f.retryAt = d.retryAt;
        f.lastError = d.code;
      });
    }
    case 'LateSignatureReported':
      return lateSignature(state, event.data);
    default:
      return state;
  }
};

/** A signature after the order ended is kept on its signer; the order's status and end stay as they were. */
const lateSignature = (state: ContractState, d: { orderId: OrderId; role: PartyRole; at: Instant }): ContractState =>
  updateSigner(state, d.orderId, d.role, (s) => {
    s.signedLateAt = d.at;
  });

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const copyState = (s: ContractState): Writable<ContractState> => ({
  status: s.status,
  contract: s.contract,
  orders: s.orders,
  closedAt: s.closedAt,
  manualReason: s.manualReason,
  withdrawalReason: s.withdrawalReason,
  followUp: s.followUp,
  signedDocument: s.signedDocument,
});

const copyOrder = (o: OrderState): Writable<OrderState> => ({
  orderId: o.orderId,
  attempt: o.attempt,
  createdAt: o.createdAt,
  validityDays: o.validityDays,
  deadline: o.deadline,
  remindAt: o.remindAt,
  signers: o.signers,
  overrides: o.overrides,
  status: o.status,
  providerJobId: o.providerJobId,
  jobOpen: o.jobOpen,
  providerErrors: o.providerErrors,
  lastProviderError: o.lastProviderError,
  retryAt: o.retryAt,
  endedAt: o.endedAt,
  failureCause: o.failureCause,
  cancelReason: o.cancelReason,
  diagnosis: o.diagnosis,
  submission: o.submission,
});

const copySigner = (s: SignerState): Writable<SignerState> => ({
  role: s.role,
  channel: s.channel,
  group: s.group,
  status: s.status,
  at: s.at,
  failureCause: s.failureCause,
  remindedAt: s.remindedAt,
  signedLateAt: s.signedLateAt,
});

const pendingFollowUp = (at: Instant): FollowUpState => ({ done: false, attempts: 0, retryAt: at, lastError: undefined, reference: undefined });

/** Copies the state and the order, lets `change` set fields on the fresh order; the state as it was when the order is unknown. */
const updateOrder = (state: ContractState, orderId: OrderId, change: (order: Writable<OrderState>) => void): ContractState => {
  const orders = state.orders;
  for (let i = orders.length - 1; i >= 0; i--) {
    if (orders[i]!.orderId === orderId) {
      const order = copyOrder(orders[i]!);
      change(order);
      const copy = orders.slice();
      copy[i] = order;
      const next = copyState(state);
      next.orders = copy;
      return next;
    }
  }
  return state;
};

const updateSigner = (
  state: ContractState,
  orderId: OrderId,
  role: PartyRole,
  change: (signer: Writable<SignerState>) => void,
): ContractState =>
  updateOrder(state, orderId, (o) => {
    const index = o.signers.findIndex((s) => s.role === role);
    if (index < 0) return;
    const signer = copySigner(o.signers[index]!);
    change(signer);
    const signers = o.signers.slice();
    signers[index] = signer;
    o.signers = signers;
  });

const endOrder = (state: ContractState, orderId: OrderId, at: Instant, change: (order: Writable<OrderState>) => void): ContractState => {
  const next = updateOrder(state, orderId, (o) => {
    o.endedAt = at;
    o.retryAt = undefined;
    change(o);
  });
  // Only the current order's end changes the contract; a contract that closed (signed on paper,
  // withdrawn) keeps its status when its order ends with it.
  const endsCurrent = next.orders[next.orders.length - 1]?.orderId === orderId;
  if (!endsCurrent || next.status !== 'in-signing') return next;
  const ended = copyState(next);
  ended.status = 'order-ended';
  return ended;
};

const updateFollowUp = (state: ContractState, step: FollowUpStep, change: (followUp: Writable<FollowUpState>) => void): ContractState => {
  if (state.followUp === undefined) return state;
  const followUp: Writable<FollowUpState> = { ...state.followUp[step] };
  change(followUp);
  const next = copyState(state);
  next.followUp = { ...state.followUp, [step]: followUp };
  return next;
};

