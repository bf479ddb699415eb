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
const hex = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The 48-bit time as the id's first 13 characters (`xxxxxxxx-xxxx-`), made once per millisecond. */
let prefixMillis = -1;
let prefix = '';
const timePrefix = (now: number): string => {
  if (now !== prefixMillis) {
    const time = now.toString(16).padStart(12, '0');
    prefix = `${time.slice(0, 8)}-${time.slice(8)}-`;
    prefixMillis = now;
  }
  return prefix;
};

export const newEventId = (now: number = Date.now()): string => {
  if (next + 10 > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const r = next;
  next += 10;
  const p = pool;
  return (
    timePrefix(now) +
    hex[0x70 | (p[r]! & 0x0f)]! + hex[p[r + 1]!]! + '-' +
    hex[0x80 | (p[r + 2]! & 0x3f)]! + hex[p[r + 3]!]! + '-' +
    hex[p[r + 4]!]! + hex[p[r + 5]!]! + hex[p[r + 6]!]! + hex[p[r + 7]!]! + hex[p[r + 8]!]! + hex[p[r + 9]!]!
  );
};
