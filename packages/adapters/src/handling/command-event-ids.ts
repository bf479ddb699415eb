import { createHash } from 'node:crypto';

// A fixed namespace for fagsign's name-based event ids (RFC 9562 UUIDv5).
const namespace = Buffer.from('6f1c2b1e9d7a4c5e8b3f0a2d4e6c8b10', 'hex');

/**
 * The id of the n-th event a command produced for a stream, derived from the command's id. Handling
 * the same command id twice then appends the same event ids, which every store treats as a no-op: a
 * county system that resends a command after a timeout does not record it twice. The stream is part
 * of the name, so one command id used for several contracts gives each its own ids.
 */
export const commandEventId = (streamName: string, commandId: string, n: number): string => {
  const hash = createHash('sha1').update(namespace).update(`${streamName}\u0000${commandId}\u0000${n}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
