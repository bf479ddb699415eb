import { randomBytes } from 'node:crypto';

/** One part of a `multipart/mixed` body. */
export interface BodyPart {
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/**
 * A `multipart/mixed` body (RFC 2046): the job request XML and the document bundle, as Posten's
 * create-job call takes them. The boundary is random and checked against the content, however
 * unlikely a clash is, because a PDF is arbitrary bytes.
 */
export const multipartMixed = (parts: readonly BodyPart[], boundary = `fagsign-${randomBytes(16).toString('hex')}`): { contentType: string; body: Uint8Array } => {
  const ascii = new TextEncoder();
  const marker = Buffer.from(`--${boundary}`);
  if (parts.some((p) => Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength).includes(marker))) {
    return multipartMixed(parts);
  }
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(ascii.encode(`--${boundary}\r\nContent-Type: ${part.contentType}\r\n\r\n`), part.bytes, ascii.encode('\r\n'));
  }
  chunks.push(ascii.encode(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: concat(chunks) };
};

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
