import { crc32 } from './crc32.js';

/*
 * A minimal ZIP writer: stored entries (no compression), UTF-8 names, no ZIP64. A document bundle
 * is one PDF and two small XML files, far below the 4 GB where ZIP64 would start; compression
 * would save little on a PDF and costs a dependency.
 */

export interface ZipEntry {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const utf8 = new TextEncoder();

/** 1980-01-01 00:00, the earliest DOS date: fixed, so the same bundle always has the same bytes. */
const dosTime = 0;
const dosDate = (1 << 5) | 1;

export const zip = (entries: readonly ZipEntry[]): Uint8Array => {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = utf8.encode(entry.name);
    const crc = crc32(entry.bytes);
    const size = entry.bytes.length;
    if (size > 0xfffffffe || offset > 0xfffffffe) throw new RangeError('The document bundle is too large for a ZIP without ZIP64');

    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true); // local file header
    local.setUint16(4, 10, true); // version needed: 1.0 (stored)
    local.setUint16(6, 0x0800, true); // flags: names are UTF-8
    local.setUint16(8, 0, true); // method: stored
    local.setUint16(10, dosTime, true);
    local.setUint16(12, dosDate, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, size, true);
    local.setUint32(22, size, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    locals.push(new Uint8Array(local.buffer), name, entry.bytes);

    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true); // central directory header
    central.setUint16(4, 20, true); // made by: 2.0
    central.setUint16(6, 10, true);
    central.setUint16(8, 0x0800, true);
    central.setUint16(10, 0, true);
    central.setUint16(12, dosTime, true);
    central.setUint16(14, dosDate, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, size, true);
    central.setUint32(24, size, true);
    central.setUint16(28, name.length, true);
    // extra, comment, disk, internal and external attributes: all zero
    central.setUint32(42, offset, true);
    centrals.push(new Uint8Array(central.buffer), name);

    offset += 30 + name.length + size;
  }
  const centralSize = centrals.reduce((n, part) => n + part.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true); // end of central directory
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  return concat([...locals, ...centrals, new Uint8Array(end.buffer)]);
};

export const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
