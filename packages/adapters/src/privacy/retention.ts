import { contractStreamName, type ContractEvent, type ContractId, type Instant } from '@fagsign/domain';
import { DateTime } from 'luxon';
import { StoredEventUnreadable } from '../store/errors.js';
import type { EventStore } from '../store/event-store.js';
import { eraseContract, type ErasureResult } from './erasure.js';
import { readErasureLedger } from './erasure-ledger.js';
import { isProtectedStore, type ProtectedEventStore } from './protected-store.js';
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

/** What retention knows of a log: each contract's end so far, and where it stopped reading. */
interface Followed {
  after: string | undefined;
  readonly trackers: Map<string, Tracker>;
  /** Streams holding an event that cannot be read: their end is not known, so retention leaves them alone. */
  readonly unreadable: Set<string>;
  /** One reader at a time (the runner's tick and a page may ask together). */
  reading: Promise<unknown>;
  /** `eraseFromOf` by end and months: Oslo calendar sums cost a quarter of a millisecond each, on every tick. */
  readonly days: Map<string, Instant>;
}

const followed = new WeakMap<ProtectedEventStore, Followed>();

/**
 * Each contract's end, read from the sealed view (no personal value is decrypted to plan the
 * erasure of personal values) from where the last call on this store stopped: the runner asks on
 * every tick, and each tick reads only what was appended since.
 */
const endsOf = async (store: ProtectedEventStore): Promise<Followed> => {
  let f = followed.get(store);
  if (f === undefined) followed.set(store, (f = { after: undefined, trackers: new Map(), unreadable: new Set(), reading: Promise.resolve(), days: new Map() }));
  const state = f;
  const read = state.reading.then(async () => {
    const view = store.sealedView();
    for (;;) {
      try {
        for await (const r of view.readAll({ batchSize: 1000, ...(state.after === undefined ? {} : { after: state.after }) })) {
          const id = r.event.data.contractId;
          let t = state.trackers.get(id);
          if (t === undefined) state.trackers.set(id, (t = { signed: false, archivedAt: undefined, withdrawnAt: undefined, unsignedEndAt: undefined }));
          track(t, r.event);
          state.after = r.checkpoint;
        }
        break;
      } catch (error) {
        // a quarantined contract: skipped here as the runner skips it, and the rest read on
        if (!(error instanceof StoredEventUnreadable)) throw error;
        state.unreadable.add(error.streamName);
        state.after = error.checkpoint;
      }
    }
    // A repaired stream (released from quarantine by a person) is read whole again, so its end counts from now on.
    for (const streamName of [...state.unreadable]) {
      let events;
      try {
        ({ events } = await view.readStream(streamName));
      } catch (error) {
        if (error instanceof StoredEventUnreadable) continue;
        throw error;
      }
      if (events.length === 0) continue;
      const t: Tracker = { signed: false, archivedAt: undefined, withdrawnAt: undefined, unsignedEndAt: undefined };
      for (const r of events) track(t, r.event);
      state.trackers.set(events[0]!.event.data.contractId, t);
      state.unreadable.delete(streamName);
    }
  });
  state.reading = read.catch(() => undefined);
  await read;
  return state;
};

const protectedOf = (store: EventStore<ContractEvent>): ProtectedEventStore => {
  if (!isProtectedStore(store)) throw new PrivacyConfigurationError('retention needs a store opened with personal-data encryption (openProtectedEventStore)');
  return store;
};

/** The schedule from what retention followed of the log, and the contracts the ledger says are erased. */
const scheduleOf = ({ trackers, unreadable, days }: Followed, policy: RetentionPolicy, erased: ReadonlySet<string>): RetentionEntry[] => {
  const entries: RetentionEntry[] = [];
  for (const [contractId, t] of trackers) {
    const end = endOf(t);
    if (end === undefined || unreadable.has(contractStreamName(contractId as ContractId))) continue;
    const months = monthsFor(policy, end.end);
    const key = `${end.at}/${months}`;
    let eraseFrom = days.get(key);
    if (eraseFrom === undefined) days.set(key, (eraseFrom = eraseFromOf(end.at, months)));
    entries.push({ contractId, end: end.end, endedAt: end.at, eraseFrom, erased: erased.has(contractId) });
  }
  return entries.sort((a, b) => (a.eraseFrom < b.eraseFrom ? -1 : a.eraseFrom > b.eraseFrom ? 1 : a.contractId < b.contractId ? -1 : 1));
};

/**
 * When each ended contract's personal data will be (or was) erased. A contract whose stream holds
 * an event that cannot be read is left out until it is repaired: its end is not known.
 */
export const retentionSchedule = async (store: EventStore<ContractEvent>, policy: RetentionPolicy): Promise<readonly RetentionEntry[]> => {
  checkRetentionPolicy(policy);
  const protectedStore = protectedOf(store);
  const erased = new Set((await readErasureLedger(protectedStore.inner)).map((f) => f.contractId));
  return scheduleOf(await endsOf(protectedStore), policy, erased);
};

/** When a contract's personal data is erased, as reports show it: done (the ledger's time), or due from a day. */
export type ErasureDate = { readonly erasedAt: Instant } | { readonly eraseFrom: Instant };

/**
 * Each contract's erasure date for the reports: every erased contract (by request or retention)
 * with when, and, under `policy`, every ended one with the day from which it is erased. Open
 * contracts, and ended ones without a policy, are not in the map. Decrypts nothing.
 */
export const erasureDates = async (store: EventStore<ContractEvent>, policy: RetentionPolicy | undefined): Promise<ReadonlyMap<string, ErasureDate>> => {
  const protectedStore = protectedOf(store);
  const ledger = await readErasureLedger(protectedStore.inner);
  const dates = new Map<string, ErasureDate>();
  if (policy !== undefined) {
    for (const e of scheduleOf(await endsOf(protectedStore), checkRetentionPolicy(policy), new Set())) dates.set(e.contractId, { eraseFrom: e.eraseFrom });
  }
  for (const fact of ledger) dates.set(fact.contractId, { erasedAt: fact.at as Instant });
  return dates;
};

/** The Oslo day of an instant (YYYY-MM-DD): `eraseFrom` is an Oslo midnight, which is the day before in UTC. */
export const osloDay = (instant: Instant): string => DateTime.fromISO(instant, { zone }).toISODate()!;

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
