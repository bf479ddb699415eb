/** Reads a stored (uncompressed) ZIP by its central directory: enough to check our own bundles. */
export const readStoredZip = (zip: Uint8Array): { name: string; crc: number; bytes: Uint8Array }[] => {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: { name: string; crc: number; bytes: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('bad central directory header');
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const localName = view.getUint16(local + 26, true);
    const data = local + 30 + localName + view.getUint16(local + 28, true);
    entries.push({ name, crc, bytes: zip.subarray(data, data + size) });
    at += 46 + nameLength;
  }
  return entries;
};
