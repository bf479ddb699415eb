import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { placeholderPdf } from '../placeholder-pdf.js';
import { InvalidBundleSignature, verifyBundle } from './verify-bundle.js';
import type { TestCertificates } from './test-certificates.js';

/*
 * A local HTTPS server that answers as Posten signering's documentation says the portal API does:
 * mutual TLS, create job (multipart/mixed) → portal-signature-job-response, polling with 204 and
 * X-Next-permitted-poll-time, 429 when polled too early, one change per poll, redelivery until
 * confirmed, cancel with 409 once the job finished, the signed document (PAdES) of a completed job
 * at its `pades-url`, and whatever error the test asks for. It presents a certificate made like
 * Posten's (no DNS name, the organisation number in organizationIdentifier) and refuses (400) a
 * job whose document bundle is not signed, with a valid signature, by a certificate of the
 * county CA it trusts.
 */

export interface FakeSignature {
  readonly status: string;
  readonly since: string;
  readonly pin?: string;
  readonly email?: string;
  readonly sms?: string;
}

export interface ReceivedJob {
  readonly jobId: string;
  readonly requestXml: string;
  readonly partTypes: readonly string[];
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
}

interface Queued {
  readonly jobId: string;
  readonly xml: string;
  hiddenUntil: number;
}

export interface FakePosten {
  readonly baseUrl: string;
  readonly received: ReceivedJob[];
  /** Why each refused bundle was refused (`InvalidBundleSignature` faults). */
  readonly rejectedBundles: string[];
  readonly log: { method: string; path: string; clientAuthorised: boolean }[];
  queueChange(jobId: string, status: string, signatures: readonly FakeSignature[], reference?: string): string;
  finish(jobId: string): void;
  /** The PDF the server answers at a completed job's `pades-url`. */
  signedDocument(jobId: string): Uint8Array;
  answerNext(status: number, body?: string, headers?: Record<string, string>): void;
  stallNext(): void;
  readonly queued: number;
  close(): Promise<void>;
}

const ns = 'http://signering.posten.no/schema/v1';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

const multipartParts = (contentType: string, body: Buffer): { type: string; bytes: Buffer }[] => {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!/^multipart\/mixed/.test(contentType) || boundary === undefined) return [];
  const marker = Buffer.from(`--${boundary}`);
  const parts: { type: string; bytes: Buffer }[] = [];
  let at = body.indexOf(marker);
  while (at >= 0) {
    const start = at + marker.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(marker, start);
    const part = body.subarray(start + 2, next - 2); // drop the CRLF after the marker and before the next
    const split = part.indexOf('\r\n\r\n');
    parts.push({ type: /content-type:\s*([^\r\n]+)/i.exec(part.subarray(0, split).toString())?.[1] ?? '', bytes: part.subarray(split + 4) });
    at = next;
  }
  return parts;
};

export const startFakePosten = async (certificates: TestCertificates, org: string, pollWaitSeconds = 600, redeliverMs = 600_000): Promise<FakePosten> => {
  const received: ReceivedJob[] = [];
  const rejectedBundles: string[] = [];
  const log: FakePosten['log'] = [];
  const queue: Queued[] = [];
  const finished = new Set<string>();
  const completed = new Set<string>();
  const signedDocument = (jobId: string) => placeholderPdf(`Signert dokument, signeringsoppdrag ${jobId}`);
  const scripted: ({ status: number; body: string; headers: Record<string, string> } | 'stall')[] = [];
  let nextPoll = 0;
  let origin = '';
  const jobsPath = `/api/${org}/portal/signature-jobs`;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const path = (req.url ?? '').split('?')[0]!;
    const authorised = (req.socket as TLSSocket).authorized;
    log.push({ method: req.method ?? '', path, clientAuthorised: authorised });
    const next = scripted.shift();
    const reply = (status: number, body: string | Uint8Array = '', headers: Record<string, string> = {}) => {
      // A stalled request is carried out but never answered, as when the answer is lost on the way.
      if (next === 'stall') return;
      res.writeHead(status, { ...(typeof body === 'string' && body ? { 'Content-Type': 'application/xml' } : {}), ...headers });
      res.end(Buffer.from(body));
    };
    if (next !== undefined && next !== 'stall') return reply(next.status, next.body, next.headers);
    if (!authorised) return reply(403, `<error xmlns="${ns}"><error-code>BROKER_NOT_AUTHORIZED</error-code><error-message>no</error-message><error-type>CLIENT</error-type></error>`);

    if (req.method === 'POST' && path === jobsPath) {
      const parts = multipartParts(req.headers['content-type'] ?? '', body);
      let files: { name: string; bytes: Uint8Array }[];
      try {
        files = verifyBundle(new Uint8Array(parts[1]?.bytes ?? []), [certificates.clientCa.cert]);
      } catch (error) {
        if (!(error instanceof InvalidBundleSignature)) throw error;
        rejectedBundles.push(error.fault);
        // The error code the real service uses for this is not documented; this one is ours.
        return reply(400, `<error xmlns="${ns}"><error-code>INVALID_DOCUMENT_BUNDLE_SIGNATURE</error-code><error-message>${error.fault}</error-message><error-type>CLIENT</error-type></error>`);
      }
      const jobId = String(received.length + 1);
      received.push({ jobId, requestXml: parts[0]?.bytes.toString('utf8') ?? '', partTypes: parts.map((p) => p.type), files });
      return reply(200, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><portal-signature-job-response xmlns="${ns}"><signature-job-id>${jobId}</signature-job-id><cancellation-url>${origin}${jobsPath}/${jobId}/cancel</cancellation-url></portal-signature-job-response>`);
    }
    if (req.method === 'GET' && path === jobsPath) {
      const now = Date.now();
      if (now < nextPoll) return reply(429, '', { 'X-Next-permitted-poll-time': new Date(nextPoll).toISOString() });
      const change = queue.find((q) => q.hiddenUntil <= now);
      if (change === undefined) {
        nextPoll = now + pollWaitSeconds * 1000;
        return reply(204, '', { 'X-Next-permitted-poll-time': new Date(nextPoll).toISOString() });
      }
      change.hiddenUntil = now + redeliverMs;
      return reply(200, change.xml, { 'X-Next-permitted-poll-time': new Date(now).toISOString() });
    }
    const pades = new RegExp(`^${jobsPath}/(\\d+)/pades$`).exec(path);
    if (req.method === 'GET' && pades) {
      const jobId = pades[1]!;
      return completed.has(jobId) ? reply(200, signedDocument(jobId), { 'Content-Type': 'application/pdf' }) : reply(404);
    }
    const action = new RegExp(`^${jobsPath}/(\\d+)/(complete|cancel)$`).exec(path);
    if (req.method === 'POST' && action) {
      const [, jobId, verb] = action as unknown as [string, string, string];
      if (verb === 'complete') {
        const i = queue.findIndex((q) => q.jobId === jobId && q.hiddenUntil > Date.now());
        if (i >= 0) queue.splice(i, 1);
        return reply(200);
      }
      if (finished.has(jobId)) return reply(409, `<error xmlns="${ns}"><error-code>INVALID_STATE</error-code><error-message>finished</error-message><error-type>CLIENT</error-type></error>`);
      finished.add(jobId);
      return reply(200);
    }
    reply(404);
  };

  const server: Server = createServer({ ...certificates.server, ca: [certificates.clientCa.cert], requestCert: true, rejectUnauthorized: false }, (req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // An address, not a name: the certificate names none, and the adapter must not ask for one.
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}/api`,
    received,
    rejectedBundles,
    log,
    queueChange(jobId, status, signatures, reference) {
      const confirmation = `${origin}${jobsPath}/${jobId}/complete`;
      const xml =
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><portal-signature-job-status-change-response xmlns="${ns}">` +
        (reference ? `<reference>${esc(reference)}</reference>` : '') +
        `<signature-job-id>${jobId}</signature-job-id><status>${status}</status><confirmation-url>${confirmation}</confirmation-url><signatures>` +
        signatures
          .map((s) => {
            const who = s.pin ? `<personal-identification-number>${s.pin}</personal-identification-number>` : `<identifier>${s.email ? `<email address="${esc(s.email)}"/>` : ''}${s.sms ? `<sms number="${esc(s.sms)}"/>` : ''}</identifier>`;
            return `<signature><status since="${s.since}">${s.status}</status>${who}${s.status === 'SIGNED' ? `<xades-url>${origin}${jobsPath}/${jobId}/xades/1</xades-url>` : ''}</signature>`;
          })
          .join('') +
        (status === 'COMPLETED_SUCCESSFULLY' ? `<pades-url>${origin}${jobsPath}/${jobId}/pades</pades-url>` : '') +
        `</signatures></portal-signature-job-status-change-response>`;
      queue.push({ jobId, xml, hiddenUntil: 0 });
      if (status !== 'IN_PROGRESS') finished.add(jobId);
      if (status === 'COMPLETED_SUCCESSFULLY') completed.add(jobId);
      return xml;
    },
    finish: (jobId) => void finished.add(jobId),
    signedDocument,
    answerNext: (status, body = '', headers = {}) => void scripted.push({ status, body, headers }),
    stallNext: () => void scripted.push('stall'),
    get queued() {
      return queue.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
