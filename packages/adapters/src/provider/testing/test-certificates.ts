import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

export interface TestCertificates {
  /** Stands in for Posten's server certificate: localhost, with Posten Norge AS's organisation number. */
  readonly server: KeyPair;
  /** Stands in for the county's enterprise certificate. */
  readonly client: KeyPair;
  /** A client certificate the server does not know. */
  readonly stranger: KeyPair;
}

const selfSigned = (dir: string, label: string, subject: string, san?: string): KeyPair => {
  const key = join(dir, `${label}.key`);
  const cert = join(dir, `${label}.crt`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', subject,
    ...(san ? ['-addext', `subjectAltName=${san}`] : []),
  ], { stdio: 'pipe' });
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
};

/** Fresh self-signed certificates made with openssl for one test run; nothing is kept on disk. */
export const makeTestCertificates = (): TestCertificates => {
  const dir = mkdtempSync(join(tmpdir(), 'fagsign-tls-'));
  try {
    return {
      server: selfSigned(dir, 'server', '/CN=localhost/O=Posten Norge AS/serialNumber=984661185', 'DNS:localhost,IP:127.0.0.1'),
      client: selfSigned(dir, 'client', '/CN=Telemark fylkeskommune/serialNumber=940192226'),
      stranger: selfSigned(dir, 'stranger', '/CN=Someone else'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
