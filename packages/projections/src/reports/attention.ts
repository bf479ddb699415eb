import type { ContractId, County, Instant, PartyRole } from '@fagsign/domain';
import { failureCauseOf, type FailureCause } from '../contracts/attribution.js';
import type { ContractsState, ContractSummary, OfficeInfo, OrderSummary } from '../contracts/summary.js';
import { blockingProblems } from './contact-problems.js';
import { lateSigners, nextStep, pendingRoles } from './next-step.js';
import { deadlineState } from './deadline.js';
import { officesInScope, type Scope } from './scope.js';
import type { Words } from './words.js';

/**
 * - `order-failed`: the last order failed, expired or was cancelled; the contract needs a new order.
 * - `expiring-soon`: an order out for signing reaches its deadline within 24 hours with signers pending.
 * - `provider-retry`: an error at the signing service; the order waits to be retried.
 * - `preflight-blocked`: awaiting review or needing a new order, with contact data the pre-flight check refuses.
 * - `follow-up-stalled`: signed, but archiving or the report to Vigo gave up; a person must do it.
 * - `late-signature`: a signer signed the last order after it had ended (the service reported it
 *   late); a person decides between a new order and paper. Shown until a person acts.
 */
export const attentionKinds = ['order-failed', 'preflight-blocked', 'expiring-soon', 'provider-retry', 'follow-up-stalled', 'late-signature'] as const;
export type AttentionKind = (typeof attentionKinds)[number];

export interface AttentionItem {
  readonly kind: AttentionKind;
  readonly county: County;
  readonly office: string;
  readonly orgNumber: string;
  readonly contractId: ContractId;
  /** The deadline (expiring-soon), the retry time (provider-retry), when the last late signature was made (late-signature), or when the order ended. */
  readonly at: Instant | null;
  readonly cause: FailureCause | null;
  readonly pendingRoles: PartyRole[];
  /** Blocking contact problems, in plain words. */
  readonly problems: Words[];
  readonly nextStep: Words;
}

export interface AttentionReport {
  readonly asOf: Instant;
  readonly counts: Record<AttentionKind, number>;
  readonly items: AttentionItem[];
}


/** What needs a person today, given `now`: one item per contract, under its most pressing kind. */
export const attention = (state: ContractsState, scope: Scope, now: Instant): AttentionReport => {
  const offices = new Map(officesInScope(state, scope).map((o) => [o.key, o]));
  const items: AttentionItem[] = [];
  for (const contract of state.contracts.values()) {
    const office = offices.get(contract.office);
    if (office === undefined) continue;
    const item = attentionFor(contract, office, now);
    if (item !== undefined) items.push(item);
  }
  items.sort((a, b) => attentionKinds.indexOf(a.kind) - attentionKinds.indexOf(b.kind) || (a.at ?? '').localeCompare(b.at ?? '') || (a.contractId < b.contractId ? -1 : 1));
  const counts = Object.fromEntries(attentionKinds.map((k) => [k, 0])) as Record<AttentionKind, number>;
  for (const item of items) counts[item.kind]++;
  return { asOf: now, counts, items };
};

const attentionFor = (contract: ContractSummary, office: OfficeInfo, now: Instant): AttentionItem | undefined => {
  const last = contract.orders[contract.orders.length - 1];
  const item = (kind: AttentionKind, at: Instant | null, extra: Partial<AttentionItem> = {}): AttentionItem => ({
    kind,
    county: office.county,
    office: office.name,
    orgNumber: office.orgNumber,
    contractId: contract.contractId,
    at,
    cause: null,
    pendingRoles: [],
    problems: [],
    nextStep: nextStep(contract, now),
    ...extra,
  });
  const late = lateSignatureItem(contract, last, item);
  if (late !== undefined) return late;
  switch (contract.status) {
    case 'registered':
    case 'order-ended': {
      const problems = blockingProblems(contract);
      const cause = last === undefined ? null : (failureCauseOf(last) ?? null);
      if (problems.length > 0) return item('preflight-blocked', last?.endedAt ?? null, { problems, cause });
      return contract.status === 'order-ended' ? item('order-failed', last?.endedAt ?? null, { cause }) : undefined;
    }
    case 'in-signing': {
      if (last === undefined) return undefined;
      if (last.status === 'awaiting-retry') return item('provider-retry', last.retryAt);
      const pending = pendingRoles(last);
      // the same rule as the status report and the next step; a passed deadline still needs a person
      const soon = deadlineState(last.deadline, now) !== 'later';
      return last.status === 'accepted' && soon && pending.length > 0 ? item('expiring-soon', last.deadline, { pendingRoles: pending }) : undefined;
    }
    case 'signed-electronically': {
      const f = contract.followUp;
      const stalled = f !== null && ((!f.archive.done && f.archive.retryAt === null) || (!f.vigo.done && f.vigo.retryAt === null));
      return stalled ? item('follow-up-stalled', contract.closedAt) : undefined;
    }
    default:
      return undefined;
  }
};

/** A late signature on the last order, while the contract waits for a person: it outranks the order's end. */
const lateSignatureItem = (
  contract: ContractSummary,
  last: OrderSummary | undefined,
  item: (kind: AttentionKind, at: Instant | null, extra?: Partial<AttentionItem>) => AttentionItem,
): AttentionItem | undefined => {
  if (contract.status !== 'order-ended' || last === undefined) return undefined;
  const late = lateSigners(last);
  if (late.length === 0) return undefined;
  const signedAt = late.reduce((max, role) => (last.lateSignatures![role]! > max ? last.lateSignatures![role]! : max), '' as Instant);
  return item('late-signature', signedAt, { cause: failureCauseOf(last) ?? null, pendingRoles: pendingRoles(last).filter((r) => !late.includes(r)) });
};
