import type { EventStore, RetentionPolicy } from '@fagsign/adapters';
import type { ContractEvent } from '@fagsign/domain';
import type { CliStore, StoreOpenOptions } from '../store.js';
import { UserError } from '../user-error.js';

/*
 * How the CLI opens a store: with personal values encrypted per contract when the county has
 * configured master keys (FAGSIGN_MASTER_KEYS), as a plain store otherwise. A protected store reads
 * plain events written before encryption as they are, so turning it on needs no flag day.
 */

const protectable = (url: string): boolean => /^(memory|sqlite|postgres|postgresql):/i.test(url);

/**
 * Opens `url`, encrypted when master keys are set. `view: 'projection'` gives an encrypted store's
 * sealed view (closing it closes the store): what projections read, decrypting nothing.
 */
export const openConfiguredStore = async (
  url: string,
  options: StoreOpenOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<EventStore<ContractEvent> & Pick<CliStore, 'erasureDates'>> => {
  const adapters = await import('@fagsign/adapters');
  const master = masterKeysOf(adapters, env);
  const readOnly = options.readOnly === true ? { readOnly: true } : {};
  if (master === undefined || !protectable(url)) return adapters.openEventStore(url, readOnly);
  const store = await adapters.openProtectedEventStore(url, { master, ...readOnly });
  if (options.view !== 'projection') return store;
  return { ...store.sealedView(), close: () => store.close(), erasureDates: (policy: RetentionPolicy | undefined) => adapters.erasureDates(store, policy) };
};

/** The master keys, required: erasure means nothing without them. */
export const requireMasterKeys = async (env: Readonly<Record<string, string | undefined>> = process.env) => {
  const adapters = await import('@fagsign/adapters');
  const master = masterKeysOf(adapters, env);
  if (master === undefined) {
    throw new UserError(`${adapters.masterKeyEnvVar} is not set: personal data is encrypted and erased only with the county's master keys (id:base64 of 32 bytes).`, 1);
  }
  return master;
};

const masterKeysOf = (adapters: typeof import('@fagsign/adapters'), env: Readonly<Record<string, string | undefined>>) => {
  try {
    return adapters.masterKeysFromEnv(env);
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error), 1);
  }
};
