import { parseContractId, PersonalId, type Instant } from '@fagsign/domain';
import { InvalidAppend } from '../store/errors.js';
import type { EventStore } from '../store/event-store.js';
import type { ContractEvent } from '@fagsign/domain';
import { erasureFact, erasureLedgerStream, readErasureLedger, type PersonalDataErasedData } from './erasure-ledger.js';
import { isProtectedStore, personHashOf, type ProtectedEventStore } from './protected-store.js';
import { PrivacyConfigurationError } from './privacy-errors.js';

/** Who erases a contract's personal data, why and when: recorded in the erasure ledger. */
export interface ErasureOptions {
  /** Who erases (a user name or system name). */
  readonly by: string;
  /** Why (the request's reference or the retention rule). */
  readonly reason: string;
  readonly now: Instant;
  readonly trigger?: 'request' | 'retention';
}

/** The outcome of erasing one contract's personal data. */
export interface ErasureResult {
  readonly contractId: string;
  /** False when the contract was erased before: nothing new is recorded. */
  readonly erased: boolean;
}

const textRule = /^[^\p{Cc}\p{Cf}]{1,200}$/u;

const checkText = (field: 'by' | 'reason', value: string): void => {
  if (typeof value !== 'string' || !textRule.test(value) || value.trim() === '') {
    throw new InvalidAppend(erasureLedgerStream, `${field} must be 1–200 characters of text without control characters`);
  }
};

const protectedOf = (store: EventStore<ContractEvent>): ProtectedEventStore => {
  if (!isProtectedStore(store)) throw new PrivacyConfigurationError('erasure needs a store opened with personal-data encryption (openProtectedEventStore)');
  return store;
};

/**
 * Erases a contract's personal data: records the `PersonalDataErased` fact in the ledger first
 * (so a crash before the key is gone is finished on the next open), then deletes the data key.
 * From then on every read gives the contract's names as «slettet» and its personal values as
 * erased values of the same kind; its facts, and so every count, are unchanged.
 */
export const eraseContract = async (store: EventStore<ContractEvent>, contractId: string, options: ErasureOptions): Promise<ErasureResult> => {
  const protectedStore = protectedOf(store);
  const id = parseContractId(contractId);
  if (typeof id !== 'string') throw new InvalidAppend(erasureLedgerStream, `contractId ${id.rule}`);
  checkText('by', options.by);
  checkText('reason', options.reason);
  const ring = protectedStore.keyRing;
  const ledger = await readErasureLedger(protectedStore.inner);
  if (ledger.some((fact) => fact.contractId === id)) {
    await ring.erase(id); // re-applied, in case a restored key table brought the key back
    return { contractId: id, erased: false };
  }
  const data: PersonalDataErasedData = { contractId: id, at: options.now, by: options.by, reason: options.reason, trigger: options.trigger ?? 'request' };
  await protectedStore.inner.appendToStream(erasureLedgerStream, [{ event: erasureFact(data) }]);
  await ring.erase(id);
  return { contractId: id, erased: true };
};

/**
 * Erases every contract a person (by fødselsnummer or D-nummer) is registered in, found through
 * the keyed-hash index: the number itself is never stored in clear nor looked up as such.
 */
export const erasePerson = async (store: EventStore<ContractEvent>, personalId: string, options: ErasureOptions): Promise<readonly ErasureResult[]> => {
  const protectedStore = protectedOf(store);
  const parsed = PersonalId.parse(personalId);
  if (!(parsed instanceof PersonalId)) throw new InvalidAppend(erasureLedgerStream, `personalId ${parsed.rule}`);
  const hash = await personHashOf(protectedStore.keyRing, parsed.reveal());
  const contracts = await protectedStore.keyRing.store.contractsOfPerson(hash);
  const results: ErasureResult[] = [];
  for (const contractId of [...contracts].sort()) results.push(await eraseContract(store, contractId, options));
  return results;
};
