import type { ContractId, ContractType, County, Instant, PartyRole } from '@fagsign/domain';
import { failureCauseOf, type FailureCause } from '../contracts/attribution.js';
import type { ContractsState, ContractSummary, FollowUpSummary } from '../contracts/summary.js';
import { nextStep, pendingRoles } from './next-step.js';
import { daysLeft, deadlineState, type DeadlineState } from './deadline.js';
import { officesInScope, type Scope } from './scope.js';
import { osloTime, type Words } from './words.js';

export type SigningStatus = ContractSummary['status'];

/**
 * When a contract's personal data is erased: done (when the erasure was recorded), or due from an
 * Oslo day (an ended contract under the county's retention policy). The adapters compute it from
 * the log without decrypting anything (`erasureDates`); the read model itself does not know it.
 */
export type PersonalDataErasure = { readonly erasedAt: Instant } | { readonly eraseFrom: Instant };
export type FollowUpProgress = 'done' | 'pending' | 'needs-a-person';

/** One contract in the status report. Roles only: never a name or a contact detail. */
export interface StatusRow {
  /** First, as the pilot asked: where the signing stands. */
  readonly status: SigningStatus;
  readonly contractId: ContractId;
  readonly contractType: ContractType;
  /** Signatures on the active order, as `signed` of `total`; null without an active order. */
  readonly signatures: { readonly signed: number; readonly total: number } | null;
  readonly deadline: Instant | null;
  /** Whole days until the active order's deadline, rounded down; 0 within a day or once passed (see deadlineState). */
  readonly daysLeft: number | null;
  /** `within-a-day`: at most 24 hours left; `passed`: the deadline is behind us, the order not yet reported expired. */
  readonly deadlineState: DeadlineState | null;
  /** Roles that have yet to sign the active order. */
  readonly pendingRoles: PartyRole[];
  /** The most recent order that failed, expired or was cancelled, counted under its final cause. */
  readonly lastFailure: { readonly cause: FailureCause; readonly at: Instant; readonly role: PartyRole | null } | null;
  readonly nextStep: Words;
  /** After an electronic signature: archiving and the report to Vigo. */
  readonly followUp: { readonly archive: FollowUpProgress; readonly vigo: FollowUpProgress } | null;
  /**
   * Only in a report given erasure dates (an encrypted store): when the personal data is or will
   * be erased; null while the contract is open, or ended without a retention policy given.
   */
  readonly personalData?: PersonalDataErasure | null;
}

export interface OfficeStatus {
  readonly county: County;
  readonly office: string;
  readonly orgNumber: string;
  readonly rows: StatusRow[];
}

export interface StatusReport {
  readonly asOf: Instant;
  /** True when the rows say when each contract's personal data is erased (`personalData`). */
  readonly erasure?: true;
  readonly offices: OfficeStatus[];
}


/** One contract's row of the status report; with `erasure`, the row says when its personal data is erased. */
export const statusRow = (contract: ContractSummary, now: Instant, erasure?: ReadonlyMap<string, PersonalDataErasure>): StatusRow => {
  const last = contract.orders[contract.orders.length - 1];
  const active = contract.status === 'in-signing' ? last : undefined;
  const pending = active === undefined ? [] : pendingRoles(active);
  const total = active === undefined ? 0 : Object.keys(active.signers).length;
  return {
    status: contract.status,
    contractId: contract.contractId,
    contractType: contract.contractType,
    signatures: active === undefined ? null : { signed: total - pending.length, total },
    deadline: active?.deadline ?? null,
    daysLeft: active === undefined ? null : daysLeft(active.deadline, now),
    deadlineState: active === undefined ? null : deadlineState(active.deadline, now),
    pendingRoles: pending,
    lastFailure: lastFailureOf(contract),
    nextStep: nextStep(contract, now),
    followUp: contract.followUp === null ? null : { archive: progressOf(contract.followUp.archive), vigo: progressOf(contract.followUp.vigo) },
    ...(erasure === undefined ? {} : { personalData: erasure.get(contract.contractId) ?? null }),
  };
};

/** The erasure date in words, the Oslo day: «slettet» and when, or from which day; null for none. */
export const personalDataWords = (erasure: PersonalDataErasure | null | undefined): Words | null => {
  if (erasure === null || erasure === undefined) return null;
  if ('erasedAt' in erasure) {
    const day = osloTime(erasure.erasedAt).slice(0, 10);
    return { nb: `slettet ${day}`, en: `erased ${day}` };
  }
  const day = osloTime(erasure.eraseFrom).slice(0, 10);
  return { nb: `slettes ${day}`, en: `erased from ${day}` };
};

const lastFailureOf = (contract: ContractSummary): StatusRow['lastFailure'] => {
  for (let i = contract.orders.length - 1; i >= 0; i--) {
    const order = contract.orders[i]!;
    const cause = failureCauseOf(order);
    if (cause !== undefined && order.endedAt !== null) return { cause, at: order.endedAt, role: order.diagnosisRole };
  }
  return null;
};

const progressOf = (step: FollowUpSummary): FollowUpProgress => (step.done ? 'done' : step.retryAt === null ? 'needs-a-person' : 'pending');

/** Contracts that need the clerk come first; among those out for signing, the nearest deadline first. */
const statusRank: Record<SigningStatus, number> = {
  'order-ended': 0,
  'in-signing': 1,
  registered: 2,
  'signed-electronically': 3,
  'signed-manually': 4,
  withdrawn: 5,
};

const byUrgency = (a: StatusRow, b: StatusRow): number =>
  statusRank[a.status] - statusRank[b.status] ||
  (a.deadline ?? '').localeCompare(b.deadline ?? '') ||
  (a.contractId < b.contractId ? -1 : a.contractId > b.contractId ? 1 : 0);

/** The status report: a row per contract, per office in scope; with `erasure`, each row says when its personal data is erased. */
export const statusReport = (state: ContractsState, scope: Scope, now: Instant, erasure?: ReadonlyMap<string, PersonalDataErasure>): StatusReport => {
  const offices = officesInScope(state, scope);
  const rows = new Map<string, StatusRow[]>(offices.map((o) => [o.key, []]));
  for (const contract of state.contracts.values()) rows.get(contract.office)?.push(statusRow(contract, now, erasure));
  return {
    asOf: now,
    ...(erasure === undefined ? {} : { erasure: true as const }),
    offices: offices.map((o) => ({ county: o.county, office: o.name, orgNumber: o.orgNumber, rows: rows.get(o.key)!.sort(byUrgency) })),
  };
};
