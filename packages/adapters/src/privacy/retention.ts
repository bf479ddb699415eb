import type { ContractEvent, Instant } from '@fagsign/domain';
import { DateTime } from 'luxon';
import type { EventStore } from '../store/event-store.js';
import { eraseContract, type ErasureResult } from './erasure.js';
import { readErasureLedger } from './erasure-ledger.js';
import { isProtectedStore } from './protected-store.js';
import { PrivacyConfigurationError } from './privacy-errors.js';

/*
 * Retention: how long a county keeps a contract's personal data after the contract ended. The
 * county's archive keeps the signed contract; fagsign's copy is needed only while the contract is
 * signed and followed up. Due on the first day (Oslo time) after `months` have passed since the
 * end, never earlier.
 */

/** A county's retention periods, in months, per way a contract can end. */
export interface RetentionPolicy {
  /** Months after the signed contract was archived (electronic) or signed on paper (manual). */
  readonly signedAndArchivedMonths: number;
  /** Months after the contract was withdrawn. */
  readonly withdrawnMonths: number;
  /** Months after its last order ended without signatures and no new order followed. */
  readonly endedUnsignedMonths: number;
}

/** How a contract ended, which decides the retention period that applies. */
export type ContractEnd = 'signed-and-archived' | 'withdrawn' | 'ended-unsigned';

/** One ended contract in the retention schedule: how and when it ended, and from when its personal data is erased. */
export interface RetentionEntry {
  readonly contractId: string;
  readonly end: ContractEnd;
  readonly endedAt: Instant;
  /** The day (Oslo) from which the personal data is erased, as an instant: its midnight. */
  readonly eraseFrom: Instant;
  /** Already erased (by request or by retention). */
  readonly erased: boolean;
}

const zone = 'Europe/Oslo';

interface Tracker {
  signed: boolean;
  archivedAt: Instant | undefined;
  withdrawnAt: Instant | undefined;
  unsignedEndAt: Instant | undefined;
}

/** Follows one contract's facts to its end, if it has one. */
const track = (t: Tracker, event: ContractEvent): void => {
  switch (event.type) {
    case 'OrderCreated':
      t.unsignedEndAt = undefined; // a new attempt: not ended
      return;
    case 'Expired':
    case 'OrderFailed':
    case 'OrderCancelled':
      if (!t.signed && t.withdrawnAt === undefined) t.unsignedEndAt = event.data.at;
      return;
    case 'ContractSignedElectronically':
      t.signed = true;
      t.unsignedEndAt = undefined;
      return;
    case 'ContractSignedManually':
      // a paper contract is archived by the staff, outside fagsign: it has ended when it is signed
      t.signed = true;
      t.archivedAt ??= event.data.at;
      t.unsignedEndAt = undefined;
      return;
    case 'SignedDocumentArchived':
      t.archivedAt ??= event.data.at;
      return;
    case 'ContractWithdrawn':
      t.withdrawnAt = event.data.at;
      t.unsignedEndAt = undefined;
      return;
    default:
      return;
  }
};

const endOf = (t: Tracker): { end: ContractEnd; at: Instant } | undefined => {
  if (t.withdrawnAt !== undefined) return { end: 'withdrawn', at: t.withdrawnAt };
  if (t.signed) return t.archivedAt === undefined ? undefined : { end: 'signed-and-archived', at: t.archivedAt };
  return t.unsignedEndAt === undefined ? undefined : { end: 'ended-unsigned', at: t.unsignedEndAt };
};

const monthsFor = (policy: RetentionPolicy, end: ContractEnd): number =>
  end === 'withdrawn' ? policy.withdrawnMonths : end === 'signed-and-archived' ? policy.signedAndArchivedMonths : policy.endedUnsignedMonths;

/** Checks that every period is a whole number of months from 0 to 240 and returns the policy; throws a configuration error otherwise. */
export const checkRetentionPolicy = (policy: RetentionPolicy): RetentionPolicy => {
  for (const [field, months] of Object.entries(policy)) {
    if (!Number.isInteger(months) || months < 0 || months > 240) throw new PrivacyConfigurationError(`retention.${field} must be a whole number of months from 0 to 240`);
  }
  return policy;
};

/** The first Oslo day on which `months` after `endedAt` have passed. */
export const eraseFromOf = (endedAt: Instant, months: number): Instant =>
  DateTime.fromISO(endedAt, { zone }).plus({ months }).plus({ days: 1 }).startOf('day').toUTC().toISO() as Instant;

/**
 * When each ended contract's personal data will be (or was) erased. Reads the sealed view: no
 * personal value is decrypted to plan the erasure of personal values.
 */
export const retentionSchedule = async (store: EventStore<ContractEvent>, policy: RetentionPolicy): Promise<readonly RetentionEntry[]> => {
  checkRetentionPolicy(policy);
  if (!isProtectedStore(store)) throw new PrivacyConfigurationError('retention needs a store opened with personal-data encryption (openProtectedEventStore)');
  const erased = new Set((await readErasureLedger(store.inner)).map((f) => f.contractId));
  const trackers = new Map<string, Tracker>();
  for await (const r of store.sealedView().readAll({ batchSize: 1000 })) {
    const id = r.event.data.contractId;
    let t = trackers.get(id);
    if (t === undefined) trackers.set(id, (t = { signed: false, archivedAt: undefined, withdrawnAt: undefined, unsignedEndAt: undefined }));
    track(t, r.event);
  }
  const entries: RetentionEntry[] = [];
  for (const [contractId, t] of trackers) {
    const end = endOf(t);
    if (end === undefined) continue;
    entries.push({ contractId, end: end.end, endedAt: end.at, eraseFrom: eraseFromOf(end.at, monthsFor(policy, end.end)), erased: erased.has(contractId) });
  }
  return entries.sort((a, b) => (a.eraseFrom < b.eraseFrom ? -1 : a.eraseFrom > b.eraseFrom ? 1 : a.contractId < b.contractId ? -1 : 1));
};

/**
 * The retention step of the workflow runner: erases every ended contract whose day has come and
 * that is not erased yet. Idempotent; safe to run on every tick.
 */
export const eraseDue = async (store: EventStore<ContractEvent>, policy: RetentionPolicy, now: Instant, by = 'fagsign-retention'): Promise<readonly ErasureResult[]> => {
  const results: ErasureResult[] = [];
  for (const entry of await retentionSchedule(store, policy)) {
    if (entry.erased || entry.eraseFrom > now) continue;
    results.push(await eraseContract(store, entry.contractId, { by, reason: `retention: ${monthsFor(policy, entry.end)} months after ${entry.end}`, now, trigger: 'retention' }));
  }
  return results;
};
