import type { ContractEvent } from '@fagsign/domain';

/*
 * The baseline: the statistics a developer would compute with a plain loop and nothing else, no
 * read model, no reports, no saved state. The projection is measured against this in the same run.
 */

interface Order {
  id: string;
  /** 0 active, 1 completed, 2 failed, 3 expired, 4 cancelled */
  outcome: number;
  cause: string | null;
  diagnosis: string | null;
  withdrawn: boolean;
}

interface Contract {
  office: string;
  status: number; // 0 review, 1 signing, 2 needs new order, 3 electronic, 4 manual, 5 withdrawn
  orders: Order[];
  firstAt: string | null;
  closedAt: string | null;
  resigned: number;
  reminders: number;
}

export interface HandTotals {
  readonly offices: number;
  readonly statuses: number[];
  readonly created: number;
  readonly resigned: number;
  readonly reminders: number;
  readonly failures: Record<string, number>;
  readonly medianDays: number | null;
}

/** The hand-written fold over a whole array. */
export const handFold = (events: readonly ContractEvent[]): HandTotals => {
  const fold = handFolder();
  for (let i = 0; i < events.length; i++) fold.add(events[i]!);
  return fold.totals();
};

/**
 * The same fold an event at a time, for a reader that never holds the whole log (the SQLite bench's
 * floor: the raw row read with this fold on each parsed row).
 */
export const handFolder = (): { add(e: ContractEvent): void; totals(): HandTotals } => {
  const contracts = new Map<string, Contract>();
  const add = (e: ContractEvent): void => {
    if (e.type === 'ContractRegistered') {
      contracts.set(e.data.contractId, { office: `${e.data.county}/${e.data.office.orgNumber}`, status: 0, orders: [], firstAt: null, closedAt: null, resigned: 0, reminders: 0 });
      return;
    }
    const c = contracts.get(e.data.contractId);
    if (c === undefined) return;
    switch (e.type) {
      case 'OrderCreated':
        c.orders.push({ id: e.data.orderId, outcome: 0, cause: null, diagnosis: null, withdrawn: false });
        c.firstAt ??= e.data.at;
        c.status = 1;
        break;
      case 'Resigned':
        c.resigned++;
        break;
      case 'ReminderSent':
        c.reminders++;
        break;
      case 'SignerFailed': {
        const o = c.orders.find((x) => x.id === e.data.orderId);
        if (o !== undefined && (e.data.source === 'staff' || o.diagnosis === null)) o.diagnosis = e.data.cause;
        break;
      }
      case 'OrderFailed':
      case 'Expired':
      case 'OrderCancelled': {
        const o = c.orders.find((x) => x.id === e.data.orderId);
        if (o === undefined) break;
        o.outcome = e.type === 'OrderFailed' ? 2 : e.type === 'Expired' ? 3 : 4;
        if (e.type === 'OrderFailed') o.cause = e.data.cause;
        if (e.type === 'OrderCancelled') o.withdrawn = e.data.reason === 'withdrawn';
        if (o === c.orders[c.orders.length - 1] && c.status === 1) c.status = 2;
        break;
      }
      case 'ContractSignedElectronically': {
        const o = c.orders.find((x) => x.id === e.data.orderId);
        if (o !== undefined) o.outcome = 1;
        c.status = 3;
        c.closedAt = e.data.at;
        break;
      }
      case 'ContractSignedManually':
        c.status = 4;
        c.closedAt = e.data.at;
        break;
      case 'ContractWithdrawn':
        c.status = 5;
        c.closedAt = e.data.at;
        break;
      default:
        break;
    }
  };
  return { add, totals: () => totalsOf(contracts) };
};

const totalsOf = (contracts: ReadonlyMap<string, Contract>): HandTotals => {
  const offices = new Set<string>();
  const statuses = [0, 0, 0, 0, 0, 0];
  const failures: Record<string, number> = {};
  const days: number[] = [];
  let created = 0;
  let resigned = 0;
  let reminders = 0;
  for (const c of contracts.values()) {
    offices.add(c.office);
    statuses[c.status]!++;
    created += c.orders.length;
    resigned += c.resigned;
    reminders += c.reminders;
    for (const o of c.orders) {
      if (o.outcome < 2) continue;
      const cause = o.diagnosis ?? (o.outcome === 2 ? (o.cause ?? 'other') : o.outcome === 3 ? 'expired' : 'cancelled');
      failures[cause] = (failures[cause] ?? 0) + 1;
    }
    if ((c.status === 3 || c.status === 4) && c.firstAt !== null && c.closedAt !== null) days.push((Date.parse(c.closedAt) - Date.parse(c.firstAt)) / 86_400_000);
  }
  days.sort((a, b) => a - b);
  const n = days.length;
  const medianDays = n === 0 ? null : n % 2 === 1 ? days[n >> 1]! : (days[(n >> 1) - 1]! + days[n >> 1]!) / 2;
  return { offices: offices.size, statuses, created, resigned, reminders, failures, medianDays };
};
