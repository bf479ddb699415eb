import type { StoredDataKey } from './envelope.js';

/**
 * The key-store port: where each contract's wrapped data key lives, and the person index (keyed
 * hash of a fødselsnummer → contract ids). Implementations: memory, a table in the SQLite file, a
 * table in the PostgreSQL schema. An external key service (a KMS or an HSM) implements the same
 * five-plus-three calls over its own API; it may keep the keys unwrapped inside itself, in which
 * case `wrapped` is its reference and the master keys are its own (see docs/privacy.md).
 *
 * Deleting a key is the erasure: it must be final in the store (SQLite secure_delete and a WAL
 * checkpoint; PostgreSQL a VACUUM of the table; a KMS its own destroy call).
 */
export interface KeyStore {
  /** The owner's wrapped data key, or undefined when it has none (never created, or erased). */
  get(owner: string): Promise<StoredDataKey | undefined>;
  /** Stores the key unless the owner has one; returns the one stored (another writer may have won). */
  create(key: StoredDataKey): Promise<StoredDataKey>;
  /** Deletes the owner's key and its person-index entries; true when there was a key. */
  delete(owner: string): Promise<boolean>;
  /** Every stored key, for re-wrapping under a new master key. */
  list(): Promise<readonly StoredDataKey[]>;
  /** Replaces a key's wrapping (same key, new master key). */
  rewrap(key: StoredDataKey): Promise<void>;
  /** Notes that a person (by keyed hash of their fødselsnummer) is in a contract. */
  indexPerson(personHash: string, contractId: string): Promise<void>;
  /** The contracts a person (by keyed hash of their fødselsnummer) is in: what an erasure by fødselsnummer erases. */
  contractsOfPerson(personHash: string): Promise<readonly string[]>;
  /** Releases the store's connection; the store is not used after. */
  close(): Promise<void>;
}

/** The key store in memory: tests and the demo. `snapshot`/`restore` imitate a backup. */
export interface MemoryKeyStore extends KeyStore {
  /** A copy of every key and person-index entry, as a backup would take it. */
  snapshot(): unknown;
  /** Replaces the contents with a snapshot, as restoring a backup would (erased keys come back until the ledger is re-applied). */
  restore(snapshot: unknown): void;
}

/** A fresh, empty key store in memory, for tests and the demo. */
export const memoryKeyStore = (): MemoryKeyStore => {
  let keys = new Map<string, StoredDataKey>();
  let people = new Map<string, Set<string>>();
  return {
    get: async (owner) => keys.get(owner),
    async create(key) {
      const existing = keys.get(key.owner);
      if (existing !== undefined) return existing;
      keys.set(key.owner, key);
      return key;
    },
    async delete(owner) {
      for (const set of people.values()) set.delete(owner);
      return keys.delete(owner);
    },
    list: async () => [...keys.values()],
    async rewrap(key) {
      if (keys.has(key.owner)) keys.set(key.owner, key);
    },
    async indexPerson(hash, contractId) {
      let set = people.get(hash);
      if (set === undefined) people.set(hash, (set = new Set()));
      set.add(contractId);
    },
    contractsOfPerson: async (hash) => [...(people.get(hash) ?? [])],
    close: async () => undefined,
    snapshot: () => ({ keys: new Map(keys), people: new Map([...people].map(([h, s]) => [h, new Set(s)])) }),
    restore(snapshot) {
      const s = snapshot as { keys: Map<string, StoredDataKey>; people: Map<string, Set<string>> };
      keys = new Map(s.keys);
      people = new Map([...s.people].map(([h, set]) => [h, new Set(set)]));
    },
  };
};
