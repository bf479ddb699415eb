import type { ContractEvent } from '../src/index.js';

/*
 * The baseline: a plain hand-written mutable switch-fold that tracks what evolve tracks (status,
 * orders with their signers, follow-up), mutating one object per contract. It is what the decider's
 * immutable evolve is measured against, and what immer's produce wraps in the immer variant.
 */
export interface MutableOrder {
  orderId: string;
  status: string;
  deadline: string;
  signers: { role: string; status: string; at: string | undefined; remindedAt: string | undefined }[];
  providerJobId: string | undefined;
  providerErrors: number;
  endedAt: string | undefined;
  diagnosis: string | undefined;
}
export interface MutableContract {
  status: string;
  county: string | undefined;
  startDate: string | undefined;
  orders: MutableOrder[];
  closedAt: string | undefined;
  archived: boolean;
  vigo: boolean;
}

export const emptyContract = (): MutableContract => ({ status: 'unregistered', county: undefined, startDate: undefined, orders: [], closedAt: undefined, archived: false, vigo: false });

const find = (c: MutableContract, orderId: string): MutableOrder | undefined => {
  for (let i = c.orders.length - 1; i >= 0; i--) if (c.orders[i]!.orderId === orderId) return c.orders[i];
  return undefined;
};

export const applyMutable = (c: MutableContract, e: ContractEvent): void => {
  switch (e.type) {
    case 'ContractRegistered':
      c.status = 'registered';
      c.county = e.data.county;
      c.startDate = e.data.startDate;
      return;
    case 'StartDateChanged':
      c.startDate = e.data.startDate;
      return;
    case 'OrderCreated':
      c.orders.push({
        orderId: e.data.orderId,
        status: 'created',
        deadline: e.data.deadline,
        signers: e.data.signers.map((s) => ({ role: s.role, status: 'waiting', at: undefined, remindedAt: undefined })),
        providerJobId: undefined,
        providerErrors: 0,
        endedAt: undefined,
        diagnosis: undefined,
      });
      c.status = 'in-signing';
      return;
    case 'OrderAccepted': {
      const o = find(c, e.data.orderId);
      if (o) { o.status = 'accepted'; o.providerJobId = e.data.providerJobId; }
      return;
    }
    case 'ProviderErrorOccurred': {
      const o = find(c, e.data.orderId);
      if (o) { o.providerErrors = e.data.errorCount; if (e.data.retryAt !== null) o.status = 'awaiting-retry'; }
      return;
    }
    case 'SignerSigned':
    case 'SignerFailed':
    case 'ReminderSent': {
      const o = find(c, e.data.orderId);
      const s = o?.signers.find((x) => x.role === e.data.role);
      if (!o || !s) return;
      if (e.type === 'SignerSigned') { s.status = 'signed'; s.at = e.data.at; }
      else if (e.type === 'SignerFailed') { if (s.status !== 'signed') { s.status = 'failed'; s.at = e.data.at; } o.diagnosis = e.data.cause; }
      else s.remindedAt = e.data.at;
      return;
    }
    case 'Expired':
    case 'OrderCancelled':
    case 'OrderFailed': {
      const o = find(c, e.data.orderId);
      if (!o) return;
      o.status = e.type === 'Expired' ? 'expired' : e.type === 'OrderCancelled' ? 'cancelled' : 'failed';
      o.endedAt = e.data.at;
      if (c.status === 'in-signing') c.status = 'order-ended';
      return;
    }
    case 'ContractSignedElectronically': {
      const o = find(c, e.data.orderId);
      if (o) { o.status = 'completed'; o.endedAt = e.data.at; }
      c.status = 'signed-electronically';
      c.closedAt = e.data.at;
      return;
    }
    case 'ContractSignedManually':
      c.status = 'signed-manually';
      c.closedAt = e.data.at;
      return;
    case 'ContractWithdrawn':
      c.status = 'withdrawn';
      c.closedAt = e.data.at;
      return;
    case 'SignedDocumentArchived':
      c.archived = true;
      return;
    case 'VigoUpdated':
      c.vigo = true;
      return;
    default:
      return;
  }
};
