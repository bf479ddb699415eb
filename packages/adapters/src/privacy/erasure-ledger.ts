import { parseContractId, type SerializedEvent } from '@fagsign/domain';
import type { EventStore } from '../store/event-store.js';

/*
 * The erasure ledger: one `PersonalDataErased` fact per erased contract, in a stream of its own in
 * the event log. It is kept apart from the keys on purpose: a key table restored from an old
 * backup brings erased keys back, and the ledger (re-applied on every open) deletes them again.
 * A fact says who erased, when and why; it holds no personal data.
 */

/** The name of the stream that holds the erasure ledger. */
export const erasureLedgerStream = 'fagsign-privacy-erasures';

/** One erasure as the ledger records it: which contract, when, by whom, why and on what trigger. */
export interface PersonalDataErasedData {
  readonly contractId: string;
  readonly at: string;
  /** Who asked for the erasure: a case officer's user name or a system's name, not a citizen. */
  readonly by: string;
  /** Why: the request's reference, or the retention rule that fell due. */
  readonly reason: string;
  /** `request`: a person asked (by contract or by fødselsnummer); `retention`: the policy's time ran out. */
  readonly trigger: 'request' | 'retention';
}

export interface PersonalDataErasedFact extends SerializedEvent {
  readonly type: 'PersonalDataErased';
  readonly data: PersonalDataErasedData;
}

export const isErasureFact = (stored: SerializedEvent): stored is PersonalDataErasedFact =>
  stored.type === 'PersonalDataErased' &&
  typeof stored.data === 'object' &&
  stored.data !== null &&
  typeof (stored.data as { contractId?: unknown }).contractId === 'string';

const instantShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Why a stored event is not a sound `PersonalDataErased` fact (`fagsign verify` reads the ledger with it), or undefined when it is. Names the field, never its value. */
export const erasureFactProblem = (stored: SerializedEvent): Error | undefined => {
  if (stored.type !== 'PersonalDataErased') return new Error(`the erasure ledger holds a ${stored.type} event, not PersonalDataErased`);
  if (stored.schemaVersion !== 1) return new Error(`PersonalDataErased has no schema version ${stored.schemaVersion}`);
  const data = (typeof stored.data === 'object' && stored.data !== null ? stored.data : {}) as Record<string, unknown>;
  if (typeof data.contractId !== 'string' || typeof parseContractId(data.contractId) !== 'string') return new Error('contractId must be a contract id');
  if (typeof data.at !== 'string' || !instantShape.test(data.at)) return new Error('at must be an ISO instant in UTC');
  for (const field of ['by', 'reason'] as const) {
    if (typeof data[field] !== 'string' || (data[field] as string).trim() === '') return new Error(`${field} must be text`);
  }
  if (data.trigger !== 'request' && data.trigger !== 'retention') return new Error('trigger must be "request" or "retention"');
  const unknown = Object.keys(data).filter((k) => !['contractId', 'at', 'by', 'reason', 'trigger'].includes(k));
  return unknown.length === 0 ? undefined : new Error(`unknown field ${unknown[0]}`);
};

export const erasureFact = (data: PersonalDataErasedData): PersonalDataErasedFact => ({ type: 'PersonalDataErased', schemaVersion: 1, data });

/** Every erasure recorded in the ledger, oldest first; read on open to delete keys a restored backup brought back. */
export const readErasureLedger = async (store: EventStore<SerializedEvent>): Promise<readonly PersonalDataErasedData[]> => {
  const { events } = await store.readStream(erasureLedgerStream);
  return events.flatMap((r) => (isErasureFact(r.event) ? [r.event.data] : []));
};
