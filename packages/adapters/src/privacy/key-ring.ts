import { newDataKey, newKeyId, unwrapDataKey, wrapDataKey } from './envelope.js';
import type { KeyStore } from './key-store.js';
import type { MasterKeys } from './master-keys.js';

/** The owner name of the person index's HMAC key: contract ids never start with `$`. */
export const personIndexOwner = '$person-index';

export interface DataKey {
  readonly keyId: string;
  readonly key: Buffer;
}

/**
 * The data keys of one process, unwrapped on first use and kept in memory. `erased` is the
 * erasure ledger as this process knows it: a contract in it reads as erased even if a restored
 * key table brought its key back (the ledger is re-applied to the key store on open).
 */
export class KeyRing {
  readonly #cache = new Map<string, DataKey | null>();
  readonly erased = new Set<string>();

  constructor(
    readonly store: KeyStore,
    readonly master: MasterKeys,
  ) {}

  /** The contract's data key; created when `create` and there is none. Undefined when erased or never made. */
  async dataKey(owner: string, create: boolean): Promise<DataKey | undefined> {
    if (this.erased.has(owner)) return undefined;
    const cached = this.#cache.get(owner);
    if (cached !== undefined && (cached !== null || !create)) return cached ?? undefined;
    let stored = await this.store.get(owner);
    if (stored === undefined && create) {
      const key = newDataKey();
      stored = await this.store.create(wrapDataKey(owner, newKeyId(), key, this.master));
    }
    const unwrapped = stored === undefined ? null : { keyId: stored.keyId, key: unwrapDataKey(stored, this.master) };
    this.#cache.set(owner, unwrapped);
    return unwrapped ?? undefined;
  }

  /** Deletes the key (the erasure itself) and forgets it in this process. */
  async erase(owner: string): Promise<boolean> {
    this.erased.add(owner);
    this.#cache.set(owner, null);
    return this.store.delete(owner);
  }
}

/** Re-wraps every data key not wrapped by the current master key; the events are not touched. */
export const rotateMasterKey = async (store: KeyStore, master: MasterKeys): Promise<{ readonly rewrapped: number }> => {
  let rewrapped = 0;
  for (const stored of await store.list()) {
    if (stored.masterKeyId === master.current) continue;
    const key = unwrapDataKey(stored, master);
    await store.rewrap(wrapDataKey(stored.owner, stored.keyId, key, master));
    rewrapped++;
  }
  return { rewrapped };
};
