import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { MasterKeys } from './master-keys.js';
import { MasterKeyMissing } from './privacy-errors.js';

/*
 * Envelope encryption with node:crypto only. Each contract has a random 256-bit data key; the key
 * store keeps it wrapped (AES-256-GCM) by the county's current master key. Each personal value is
 * stored as `{ "$enc": { k, iv, ct, tag } }`: AES-256-GCM under the data key, with the contract id
 * as additional authenticated data, so a value copied into another contract's event does not open.
 */

const algorithm = 'aes-256-gcm';

/** A data key as the key store keeps it: wrapped, never in clear. */
export interface StoredDataKey {
  /** The contract the key belongs to (or a reserved name such as the person index's key). */
  readonly owner: string;
  /** Random id written into every envelope made with it. */
  readonly keyId: string;
  /** The master key that wraps it. */
  readonly masterKeyId: string;
  /** base64 of iv (12) + tag (16) + wrapped key (32). */
  readonly wrapped: string;
}

/** One encrypted value in an event's stored form. */
export interface Envelope {
  readonly $enc: {
    readonly k: string;
    readonly iv: string;
    readonly ct: string;
    readonly tag: string;
    /** What statistics count (norwegian, personal, fnr, …); absent for names. */
    readonly kind?: string;
    /** A keyed hash under the data key: equal values of one contract have equal tags, even after erasure. */
    readonly eq?: string;
  };
}

export const isEnvelope = (u: unknown): u is Envelope =>
  typeof u === 'object' && u !== null && '$enc' in u && typeof (u as Envelope).$enc === 'object' && (u as Envelope).$enc !== null;

export const newKeyId = (): string => randomBytes(8).toString('hex');

const wrapAad = (owner: string, keyId: string): Buffer => Buffer.from(`fagsign-data-key:${owner}:${keyId}`);

export const wrapDataKey = (owner: string, keyId: string, dataKey: Buffer, master: MasterKeys): StoredDataKey => {
  const masterKey = master.keys.get(master.current)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv(algorithm, masterKey, iv).setAAD(wrapAad(owner, keyId));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { owner, keyId, masterKeyId: master.current, wrapped: Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64') };
};

export const unwrapDataKey = (stored: StoredDataKey, master: MasterKeys): Buffer => {
  const masterKey = master.keys.get(stored.masterKeyId);
  if (masterKey === undefined) throw new MasterKeyMissing(stored.masterKeyId);
  const bytes = Buffer.from(stored.wrapped, 'base64');
  const decipher = createDecipheriv(algorithm, masterKey, bytes.subarray(0, 12)).setAAD(wrapAad(stored.owner, stored.keyId));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
};

export const newDataKey = (): Buffer => randomBytes(32);

export const seal = (value: string, key: Buffer, keyId: string, contractId: string, kind: string | undefined, eq: string | undefined): Envelope => {
  const iv = randomBytes(12);
  const cipher = createCipheriv(algorithm, key, iv).setAAD(Buffer.from(contractId));
  const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  const $enc: { k: string; iv: string; ct: string; tag: string; kind?: string; eq?: string } = {
    k: keyId,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
  if (kind !== undefined) $enc.kind = kind;
  if (eq !== undefined) $enc.eq = eq;
  return { $enc };
};

/** The value, or undefined when the envelope does not open under this key and contract (tampered, or another contract's). */
export const open = (envelope: Envelope, key: Buffer, contractId: string): string | undefined => {
  try {
    const { iv, ct, tag } = envelope.$enc;
    const decipher = createDecipheriv(algorithm, key, Buffer.from(iv, 'base64')).setAAD(Buffer.from(contractId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
};

/** A keyed hash: the equality tag of a value within its contract, and the person index's entries. */
export const keyedHash = (key: Buffer, label: string, value: string, length = 32): string =>
  createHmac('sha256', key).update(label).update('\u0000').update(value).digest('hex').slice(0, length);
