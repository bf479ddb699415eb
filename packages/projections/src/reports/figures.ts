import type { ContractType } from '@fagsign/domain';
import { contractTypes } from '@fagsign/domain';
import { failureCauseOf, failureCauses, hasEnded, type FailureCause } from '../contracts/attribution.js';
import type { ContractSummary } from '../contracts/summary.js';
import { spreadOf, type Spread } from './percentiles.js';
import { millisOfInstant } from './instant-millis.js';

/** Contracts by where they stand; the last six always add up to `registered`. */
export interface ContractCounts {
  registered: number;
  /** Registered, no order yet: in the system for review before being prepared for signing. */
  awaitingReview: number;
  /** An order is active (created, accepted, or waiting to retry after an error at the service). */
  inSigning: number;
  /** The last order failed, expired or was cancelled, and the contract is still open. */
  needsNewOrder: number;
  signedElectronically: number;
  signedManually: number;
  withdrawn: number;
}

export interface OrderFigures {
  created: number;
  resigned: number;
  /**
   * `firstAttempts.signed / firstAttempts.ended`, to four decimals; null when no first order has ended.
   * Defined by the contract's outcome, not by a cancel reason a clerk picked: every contract whose
   * first order has ended counts, unless the contract itself was withdrawn; it succeeded when that
   * first order was signed.
   */
  firstAttemptSuccessRate: number | null;
  firstAttempts: { ended: number; signed: number };
  /** Orders that met an error at the signing service and went on after a retry ("løst ved nytt forsøk"). */
  resolvedByRetry: number;
}

export interface DaysToSign extends Spread {
  readonly electronic: Spread;
  readonly manual: Spread;
}

/** The figures for an office, a county or all: the shape of every `totals` too. */
export interface Figures {
  contracts: ContractCounts;
  byType: Record<ContractType, ContractCounts>;
  orders: OrderFigures;
  /** Failed, expired and cancelled orders by cause; only causes that occurred, in `failureCauses` order. */
  failures: Partial<Record<FailureCause, number>>;
  remindersSent: number;
  daysToSign: DaysToSign;
}

/** Running sums for a group of contracts; days are kept as lists so that medians merge exactly. */
export interface Tally {
  readonly contracts: ContractCounts;
  readonly byType: Record<ContractType, ContractCounts>;
  created: number;
  resigned: number;
  firstEnded: number;
  firstSigned: number;
  resolvedByRetry: number;
  readonly failures: Record<FailureCause, number>;
  remindersSent: number;
  readonly daysElectronic: number[];
  readonly daysManual: number[];
}

const zeroCounts = (): ContractCounts => ({
  registered: 0, awaitingReview: 0, inSigning: 0, needsNewOrder: 0, signedElectronically: 0, signedManually: 0, withdrawn: 0,
});

export const emptyTally = (): Tally => ({
  contracts: zeroCounts(),
  byType: Object.fromEntries(contractTypes.map((t) => [t, zeroCounts()])) as Record<ContractType, ContractCounts>,
  created: 0,
  resigned: 0,
  firstEnded: 0,
  firstSigned: 0,
  resolvedByRetry: 0,
  failures: Object.fromEntries(failureCauses.map((c) => [c, 0])) as Record<FailureCause, number>,
  remindersSent: 0,
  daysElectronic: [],
  daysManual: [],
});

const statusKey = {
  registered: 'awaitingReview',
  'in-signing': 'inSigning',
  'order-ended': 'needsNewOrder',
  'signed-electronically': 'signedElectronically',
  'signed-manually': 'signedManually',
  withdrawn: 'withdrawn',
} as const satisfies Record<ContractSummary['status'], keyof ContractCounts>;

const dayMs = 86_400_000;

export const tallyContract = (tally: Tally, contract: ContractSummary): void => {
  const key = statusKey[contract.status];
  const byType = tally.byType[contract.contractType];
  tally.contracts.registered++;
  tally.contracts[key]++;
  byType.registered++;
  byType[key]++;
  tally.created += contract.orders.length;
  tally.resigned += contract.resigned;
  tally.remindersSent += contract.remindersSent;
  const first = contract.orders[0];
  if (first !== undefined && hasEnded(first) && contract.status !== 'withdrawn') {
    tally.firstEnded++;
    if (first.status === 'completed') tally.firstSigned++;
  }
  for (const order of contract.orders) {
    const cause = failureCauseOf(order);
    if (cause !== undefined) tally.failures[cause]++;
    // the service failed, a retry went through: the pilot's "feil hos Difi" that fagsign absorbs
    if (order.providerErrors > 0 && cause !== 'provider-error' && order.status !== 'awaiting-retry' && order.status !== 'created') tally.resolvedByRetry++;
  }
  const signed = contract.status === 'signed-electronically' || contract.status === 'signed-manually';
  if (signed && first !== undefined && contract.closedAt !== null) {
    // A signature time the service reports before the order's creation (clock skew) counts as 0 days.
    const days = Math.max(0, (millisOfInstant(contract.closedAt) - millisOfInstant(first.createdAt)) / dayMs);
    (contract.status === 'signed-electronically' ? tally.daysElectronic : tally.daysManual).push(days);
  }
};

export const mergeTally = (into: Tally, from: Tally): void => {
  addCounts(into.contracts, from.contracts);
  for (const type of contractTypes) addCounts(into.byType[type], from.byType[type]);
  into.created += from.created;
  into.resigned += from.resigned;
  into.firstEnded += from.firstEnded;
  into.firstSigned += from.firstSigned;
  into.resolvedByRetry += from.resolvedByRetry;
  for (const cause of failureCauses) into.failures[cause] += from.failures[cause];
  into.remindersSent += from.remindersSent;
  for (const d of from.daysElectronic) into.daysElectronic.push(d);
  for (const d of from.daysManual) into.daysManual.push(d);
};

const addCounts = (into: ContractCounts, from: ContractCounts): void => {
  for (const key of Object.keys(into) as (keyof ContractCounts)[]) into[key] += from[key];
};

export const figuresOf = (tally: Tally): Figures => ({
  contracts: { ...tally.contracts },
  byType: Object.fromEntries(contractTypes.map((t) => [t, { ...tally.byType[t] }])) as Record<ContractType, ContractCounts>,
  orders: {
    created: tally.created,
    resigned: tally.resigned,
    firstAttemptSuccessRate: tally.firstEnded === 0 ? null : Math.round((tally.firstSigned / tally.firstEnded) * 10_000) / 10_000,
    firstAttempts: { ended: tally.firstEnded, signed: tally.firstSigned },
    resolvedByRetry: tally.resolvedByRetry,
  },
  failures: Object.fromEntries(failureCauses.filter((c) => tally.failures[c] > 0).map((c) => [c, tally.failures[c]])),
  remindersSent: tally.remindersSent,
  daysToSign: {
    ...spreadOf([...tally.daysElectronic, ...tally.daysManual]),
    electronic: spreadOf(tally.daysElectronic),
    manual: spreadOf(tally.daysManual),
  },
});
