import { X509Certificate } from 'node:crypto';
import { Agent, request as httpsRequest } from 'node:https';
import { X509Certificate as PeculiarCertificate } from '@peculiar/x509';
import { ProviderError } from '../errors/provider-error.js';
import { ProviderTimeout } from '../errors/provider-timeout.js';
import type { EnterpriseCredentials } from './enterprise-credentials.js';

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
}

/**
 * How the adapter talks HTTP. Fails only when no answer came: `ProviderTimeout` (with
 * `requestSent` telling whether the service may have received the request) or a `ProviderError`
 * `tls` when the service's certificate was not trusted. Any HTTP status is an answer.
 */
export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
}

export interface EnterpriseCertificate {
  /**
   * The enterprise certificate (virksomhetssertifikat) for mutual TLS: `enterpriseCredentials(…)`
   * behind a function, asked at every request, so a renewed certificate is used from the next
   * connection on while requests in flight finish on the old one. Or PEM `cert` and `key`.
   */
  readonly credentials?: () => EnterpriseCredentials;
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  readonly passphrase?: string;
  /**
   * The only certificate authorities whose server certificates are trusted: Posten's (Buypass and
   * Commfides roots, PEM; see the README). Node's default root store is not used.
   */
  readonly ca: string | Buffer | readonly (string | Buffer)[];
  /**
   * The organisation number the server certificate must carry, as Posten's own clients check it
   * (see `carriesOrganizationNumber`); Posten Norge AS's, 984661185, unless a test server says otherwise.
   * The host name is not checked: Posten's certificate is an enterprise certificate, issued to no domain name.
   */
  readonly serverOrganizationNumber?: string;
  readonly timeoutMs?: number;
}

/** Posten Norge AS, whose enterprise certificate the signing service presents. */
export const postenOrganizationNumber = '984661185';

// Errors raised before a byte of the request left this machine: the service cannot have acted on it.
const notSent = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const tlsTrust = /^(ERR_TLS_CERT|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_SSL_)/;

const organizationIdentifier = '2.5.4.97';
const serialNumber = '2.5.4.5';
const commonName = '2.5.4.3';

/**
 * As Posten's Java client checks the server: the number exactly in organizationIdentifier (an
 * optional `NTRNO-` prefix), else exactly in SERIALNUMBER, else at the start of the CN. A number
 * that is only somewhere in another field is not enough.
 */
export const carriesOrganizationNumber = (certificateDer: Uint8Array, organizationNumber: string): boolean => {
  const subject = new PeculiarCertificate(certificateDer).subjectName;
  const identifiers = subject.getField(organizationIdentifier);
  if (identifiers.length > 0) return identifiers.some((v) => v === organizationNumber || v === `NTRNO-${organizationNumber}`);
  const serials = subject.getField(serialNumber);
  if (serials.length > 0) return serials.some((v) => v === organizationNumber);
  return subject.getField(commonName).some((v) => v.startsWith(organizationNumber));
};

const pemCertificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * What is wrong with the certificate authorities given as `ca` (PEM), or undefined when they are
 * sound: at least one certificate, each readable and each a certificate authority's. Node takes an
 * empty or unreadable `ca` without a word, and trusts nothing (every call fails) or, for an empty
 * string, its own default roots; this says so at start instead.
 */
export const certificateAuthorityProblem = (ca: string | Buffer | readonly (string | Buffer)[] | undefined): string | undefined => {
  const texts = (ca === undefined ? [] : Array.isArray(ca) ? ca : [ca]).map((c: string | Buffer) => (typeof c === 'string' ? c : c.toString('utf8')));
  const blocks = texts.flatMap((text) => text.match(pemCertificate) ?? []);
  if (blocks.length === 0) return "holds no PEM certificate: it must hold the roots of Posten's server certificate (Buypass, Commfides; see the provider README for where to get them)";
  for (const block of blocks) {
    let authority: boolean;
    try {
      authority = new X509Certificate(block).ca;
    } catch {
      return 'holds a PEM block that is not a readable certificate';
    }
    if (!authority) return "holds a certificate that is not a certificate authority's: give the roots, not a server certificate";
  }
  return undefined;
};

/** Mutual TLS with node's https, as Posten signering requires, over one keep-alive agent per certificate. */
export const httpsTransport = (certificate: EnterpriseCertificate): HttpTransport => {
  const organizationNumber = certificate.serverOrganizationNumber ?? postenOrganizationNumber;
  if (certificate.ca === undefined || (Array.isArray(certificate.ca) && certificate.ca.length === 0)) {
    throw new TypeError("httpsTransport: ca is required: the roots of Posten's server certificate (Buypass, Commfides), PEM");
  }
  const caProblem = certificateAuthorityProblem(certificate.ca);
  if (caProblem !== undefined) throw new TypeError(`httpsTransport: ca ${caProblem}`);
  if (certificate.credentials === undefined && (certificate.cert === undefined || certificate.key === undefined)) {
    throw new TypeError('httpsTransport: give credentials, or cert and key: the enterprise certificate authenticates every request');
  }
  const agentFor = (own: { cert: string | Buffer; key: string | Buffer; passphrase?: string }) =>
    new Agent({
      ...own,
      ca: certificate.ca as string | Buffer | (string | Buffer)[],
      keepAlive: true,
      checkServerIdentity: (_host, cert) =>
        carriesOrganizationNumber(cert.raw, organizationNumber) ? undefined : Object.assign(new Error('The server certificate is not the signing service'), { code: 'ERR_TLS_CERT_ORGANIZATION' }),
    });
  const fixed = certificate.credentials === undefined
    ? agentFor({ cert: certificate.cert!, key: certificate.key!, ...(certificate.passphrase === undefined ? {} : { passphrase: certificate.passphrase }) })
    : undefined;
  let current: { credentials: EnterpriseCredentials; agent: Agent } | undefined;
  const agentNow = (): Agent => {
    if (fixed !== undefined) return fixed;
    const credentials = certificate.credentials!();
    if (current?.credentials !== credentials) {
      // A renewed certificate: new requests use it; requests in flight finish on the old agent.
      current = { credentials, agent: agentFor(credentials.tls) };
    }
    return current.agent;
  };
  const timeoutMs = certificate.timeoutMs ?? 30_000;

  const send = (req: HttpRequest): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      let sent = false;
      const outgoing = httpsRequest(req.url, { method: req.method, headers: { ...req.headers, ...(req.body ? { 'Content-Length': String(req.body.length) } : {}) }, agent: agentNow() }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => reject(new ProviderTimeout(true, 'network')));
        res.on('end', () => {
          const headers: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(res.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 0, headers, body: new Uint8Array(Buffer.concat(chunks)) });
        });
      });
      outgoing.setTimeout(timeoutMs, () => outgoing.destroy(Object.assign(new Error('timeout'), { code: 'FAGSIGN_TIMEOUT' })));
      outgoing.on('finish', () => {
        sent = true;
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? '';
        // Only the code: a TLS error's message may hold a certificate subject, a socket error's an address.
        if (tlsTrust.test(code)) reject(new ProviderError('tls', false, `The signing service's certificate was not trusted (${code})`));
        else if (code === 'FAGSIGN_TIMEOUT') reject(new ProviderTimeout(sent, 'timeout'));
        else reject(new ProviderTimeout(sent && !notSent.has(code), 'network'));
      });
      outgoing.end(req.body === undefined ? undefined : Buffer.from(req.body));
    });

  return { send };
};
