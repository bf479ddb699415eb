import { PrivacyConfigurationError } from './privacy-errors.js';

/**
 * The county's master keys: 32 bytes each, named by an id. `current` wraps new data keys; the
 * others still unwrap data keys wrapped before a rotation until `rotateMasterKey` re-wraps them.
 * They come from configuration or the environment, never from the event log or the key table.
 */
export interface MasterKeys {
  readonly current: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** The environment variable that holds the master keys. */
export const masterKeyEnvVar = 'FAGSIGN_MASTER_KEYS';

const idShape = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * Parses `id:base64[,id:base64…]`; the first is current. Errors name the entry's position and the
 * rule, never the key.
 */
export const parseMasterKeys = (text: string): MasterKeys => {
  const entries = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) throw new PrivacyConfigurationError(`${masterKeyEnvVar} must hold at least one id:base64 key`);
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    if (colon < 1 || !idShape.test(id)) throw new PrivacyConfigurationError(`master key ${i + 1} must start with an id of letters, digits, . _ - and a colon`);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== 32) throw new PrivacyConfigurationError(`master key ${i + 1} (${id}) must be 32 bytes in base64`);
    if (keys.has(id)) throw new PrivacyConfigurationError(`master key id ${id} is given twice`);
    keys.set(id, key);
  });
  return { current: entries[0]!.slice(0, entries[0]!.indexOf(':')), keys };
};

/** The master keys from `FAGSIGN_MASTER_KEYS`, or undefined when it is not set. */
export const masterKeysFromEnv = (env: Readonly<Record<string, string | undefined>> = process.env): MasterKeys | undefined => {
  const text = env[masterKeyEnvVar];
  return text === undefined || text.trim() === '' ? undefined : parseMasterKeys(text);
};

/** A master key set with one key, for tests and the demo. */
export const singleMasterKey = (id: string, key: Buffer): MasterKeys => ({ current: id, keys: new Map([[id, key]]) });
