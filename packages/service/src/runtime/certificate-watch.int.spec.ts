import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import { throwawayCertificate } from '../testing/throwaway-certificate.js';
import { startService } from './service.js';

/*
 * A Posten configuration with a throw-away enterprise certificate that expires in 10 days: the
 * service warns at start, stays ready with a warning, and shows the days left on /metrics; with its
 * clock moved past the expiry, it logs an error and is not ready. Posten itself is never reached
 * (the runner's loop runs once an hour here); the job journal is the store's own SQLite table.
 */
const dir = mkdtempSync(join(tmpdir(), 'fagsign-certwatch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const certificate = throwawayCertificate(10, mkdtempSync(join(dir, 'cert-')));

const postenConfig = (name: string) =>
  checkConfig(
    {
      store: `sqlite:${join(dir, `${name}.db`)}`,
      provider: {
        kind: 'posten',
        baseUrl: 'https://127.0.0.1:9/api',
        sender: '974760673',
        certificate: { keyFile: certificate.keyFile, certFile: certificate.chainFile, caFile: certificate.caFile },
        signerKeyEnv: 'SIGNER',
      },
      runner: { intervalSeconds: 3600 },
      http: { port: 0 },
      documents: () => new Uint8Array([37, 80, 68, 70]),
      notifier: { sendReminder: async () => undefined },
      archive: { storeSignedContract: async () => ({ reference: 'r' }) },
      vigo: { reportSigned: async () => undefined },
    },
    { source: join(dir, 'inline.mjs'), env: { SIGNER: 'signer-secret' } },
  );

const started = async (name: string, clock: () => DateTime) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info', format: 'json', destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { service: await startService(postenConfig(name), { logger, clock }), lines };
};

describe('the enterprise certificate in operations', () => {
  it('warns 30 days ahead: a warning in the log, ready with a warning field, the days left on /metrics', async () => {
    const { service, lines } = await started('soon', () => DateTime.now());
    try {
      expect(lines.find((l) => l.level === 'warn' && /enterprise certificate expires in 9 days/.test(String(l.msg)))).toMatchObject({ daysLeft: 9 });
      const readiness = (await service.readiness()) as unknown as Record<string, unknown>;
      expect(readiness.reasons).not.toEqual(expect.arrayContaining([expect.stringMatching(/certificate/)]));
      expect(readiness.certificateWarning).toMatch(/expires in 9 days/);
      const metrics = await (await fetch(`http://127.0.0.1:${service.httpPort}/metrics`)).text();
      expect(metrics).toMatch(/^fagsign_certificate_expires_in_days 9$/m);
    } finally {
      await service.stop();
    }
  }, 60_000);

  it('once expired: an error in the log and not ready, naming the certificate', async () => {
    const { service, lines } = await started('expired', () => DateTime.now().plus({ days: 12 }));
    try {
      expect(lines.some((l) => l.level === 'error' && /enterprise certificate is expired/.test(String(l.msg)))).toBe(true);
      const readiness = await service.readiness();
      expect(readiness.ready).toBe(false);
      expect(readiness.reasons).toContainEqual(expect.stringMatching(/^enterprise certificate expired \(expires .*\): Posten signering refuses every job/));
      const metrics = await (await fetch(`http://127.0.0.1:${service.httpPort}/metrics`)).text();
      expect(metrics).toMatch(/^fagsign_certificate_expires_in_days -[23]$/m);
    } finally {
      await service.stop();
    }
  }, 60_000);
});
