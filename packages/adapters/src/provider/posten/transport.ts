import { Agent, request as httpsRequest } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { ProviderError } from '../errors/provider-error.js';
import { ProviderTimeout } from '../errors/provider-timeout.js';

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
  /** The enterprise certificate (virksomhetssertifikat) for authentication, PEM, with its chain. */
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  readonly passphrase?: string;
  /** The roots that Posten's server certificate must chain to (Buypass, Commfides); node's defaults when left out. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /**
   * Posten Norge AS's organisation number (984661185), checked in the server certificate's
   * subject as the documentation asks. Left out, only the host name is checked.
   */
  readonly serverOrganizationNumber?: string;
  readonly timeoutMs?: number;
}

// Errors raised before a byte of the request left this machine: the service cannot have acted on it.
const notSent = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const tlsTrust = /^(ERR_TLS_CERT|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_SSL_)/;

const subjectHolds = (cert: PeerCertificate, organizationNumber: string): boolean =>
  Object.values(cert.subject ?? {}).some((value) => (Array.isArray(value) ? value : [value]).some((v) => String(v).includes(organizationNumber)));

/** Mutual TLS with node's https, as Posten signering requires, over one keep-alive agent. */
export const httpsTransport = (certificate: EnterpriseCertificate): HttpTransport => {
  const agent = new Agent({
    cert: certificate.cert,
    key: certificate.key,
    ...(certificate.passphrase === undefined ? {} : { passphrase: certificate.passphrase }),
    ...(certificate.ca === undefined ? {} : { ca: certificate.ca as string | Buffer | (string | Buffer)[] }),
    keepAlive: true,
    checkServerIdentity: (host, cert) => {
      const wrongHost = checkServerIdentity(host, cert);
      if (wrongHost !== undefined) return wrongHost;
      const org = certificate.serverOrganizationNumber;
      return org === undefined || subjectHolds(cert, org) ? undefined : Object.assign(new Error('The server certificate is not Posten Norge AS'), { code: 'ERR_TLS_CERT_ORGANIZATION' });
    },
  });
  const timeoutMs = certificate.timeoutMs ?? 30_000;

  const send = (req: HttpRequest): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      let sent = false;
      const outgoing = httpsRequest(req.url, { method: req.method, headers: { ...req.headers, ...(req.body ? { 'Content-Length': String(req.body.length) } : {}) }, agent }, (res) => {
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
