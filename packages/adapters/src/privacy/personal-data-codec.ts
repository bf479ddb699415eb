import { decodeEvent, encodeEvent, type ContractEvent, type SerializedEvent } from '@fagsign/domain';
import type { Either } from 'fp-ts/lib/Either.js';
import { isEnvelope, keyedHash, open, seal } from './envelope.js';
import type { KeyRing } from './key-ring.js';
import { ErasedContractAppend } from './privacy-errors.js';
import { erasedStoredText, mapPersonalValues, pathsOf, replacePersonalValues } from './personal-fields.js';

/*
 * Events to their encrypted stored form and back. Only event types that carry personal data (the
 * domain's `personalDataPaths`) are touched; the rest go through the domain's codecs as before.
 */

const contractIdOf = (data: unknown): string | undefined => {
  const id = typeof data === 'object' && data !== null ? (data as { contractId?: unknown }).contractId : undefined;
  return typeof id === 'string' ? id : undefined;
};

/** Does the stored form hold a personal value matching `test` (a plain one, or a sealed one)? */
const holdsValue = (type: string, data: unknown, test: (stored: unknown) => boolean): boolean => {
  let found = false;
  mapPersonalValues(type, data, (_field, stored) => {
    found ||= test(stored);
    return stored;
  });
  return found;
};

/** The event's stored form with every personal value sealed under its contract's data key. */
export const encryptEvent = async (ring: KeyRing, event: ContractEvent): Promise<SerializedEvent> => {
  const plain = encodeEvent(event);
  if (pathsOf(plain.type) === undefined || !holdsValue(plain.type, plain.data, (v) => typeof v === 'string')) return plain;
  const contractId = contractIdOf(plain.data)!;
  const key = await ring.dataKey(contractId, true);
  if (key === undefined) throw new ErasedContractAppend(contractId);
  const data = structuredClone(plain.data);
  replacePersonalValues(plain.type, data, event.data, (value, stored) =>
    typeof stored === 'string'
      ? seal(value.text, key.key, key.keyId, contractId, value.kind, value.field === 'name' ? undefined : keyedHash(key.key, value.field, value.text, 16))
      : stored,
  );
  return { ...plain, data };
};

/**
 * The stored form with every sealed value opened, or, where the key is gone (erased), replaced by
 * its erased form. Plain values (a log written before encryption) pass as they are.
 */
export const decryptStored = async (ring: KeyRing, stored: SerializedEvent): Promise<SerializedEvent> => {
  if (pathsOf(stored.type) === undefined) return stored;
  const contractId = contractIdOf(stored.data);
  if (contractId === undefined) return stored; // the domain's decode names what is missing
  // a plain event (written before encryption) needs no key
  if (!holdsValue(stored.type, stored.data, isEnvelope)) return stored;
  const k = await ring.dataKey(contractId, false);
  const data = mapPersonalValues(stored.type, stored.data, (field, raw) => {
    if (!isEnvelope(raw)) return raw;
    // no key: erased. A key that does not open the value (tampered, or moved from another
    // contract): left sealed, so the domain's decode refuses it and the store reports it unreadable
    if (k === undefined) return erasedStoredText(field, raw.$enc.kind, raw.$enc.eq);
    return (raw.$enc.k === k.keyId ? open(raw, k.key, contractId) : undefined) ?? raw;
  });
  return { ...stored, data };
};

export const decryptAndDecode = async (ring: KeyRing, stored: SerializedEvent): Promise<Either<Error, ContractEvent>> =>
  decodeEvent(await decryptStored(ring, stored));
