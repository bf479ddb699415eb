import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Test support: a throw-away certificate authority and a county enterprise certificate (RSA) made
 * with the openssl command, valid for `days` from now. The adapters' own test certificates are not
 * part of their package's exports (they import vitest), so the service makes its own.
 */
export interface ThrowawayCertificate {
  readonly dir: string;
  /** PEM files: the county's key (unencrypted), its chain (enterprise certificate first), a CA to trust. */
  readonly keyFile: string;
  readonly chainFile: string;
  readonly caFile: string;
  readonly key: string;
  readonly chain: string;
}

export const throwawayCertificate = (days: number, dir = mkdtempSync(join(tmpdir(), 'fagsign-cert-'))): ThrowawayCertificate => {
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe', cwd: dir });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-subj', '/CN=Test Commfides Enterprise CA', '-days', '365');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('county.key'), '-out', at('county.csr'), '-subj', '/C=NO/O=Telemark fylkeskommune/CN=Telemark fylkeskommune');
  openssl('x509', '-req', '-in', at('county.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('county.pem'), '-days', String(days));
  const chain = readFileSync(at('county.pem'), 'utf8') + readFileSync(at('ca.pem'), 'utf8');
  writeFileSync(at('chain.pem'), chain);
  return { dir, keyFile: at('county.key'), chainFile: at('chain.pem'), caFile: at('ca.pem'), key: readFileSync(at('county.key'), 'utf8'), chain };
};
