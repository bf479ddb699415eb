import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handle, openSqliteEventStore } from '@fagsign/adapters';
import { contractStreamName, replay, type ContractId, type County } from '@fagsign/domain';
import { sampleRegistration } from '@fagsign/domain/testing';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { startFagsign } from './spawn-rig.js';

/*
 * `fagsign run` as an operations team meets it: its own process on an SQLite file, the simulated
 * signing service on an accelerated clock (10 simulated hours a real second), contracts registered
 * from outside through the public API, the counts on /metrics, and a clean stop on SIGTERM.
 */
const dir = mkdtempSync(join(tmpdir(), 'fagsign-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const graceSeconds = 10;
const writeConfig = (name: string, config: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
};

const metric = (body: string, line: string): number | undefined => {
  const found = body.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> => {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

describe('fagsign run, spawned', () => {
  it('signs contracts registered from outside, shows the counts on /metrics, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'fagsign.db');
    const config = writeConfig('fagsign.json', {
      store: `sqlite:${db}`,
      provider: { kind: 'simulated', seed: 3, clockSpeed: 36_000, profile: { rejectChance: 0, needsReminderChance: 0, noResponseChance: 0 }, pollAfterEmptySeconds: 300 },
      runner: { intervalSeconds: 0.2 },
      http: { port: 0 },
      shutdown: { graceSeconds },
    });
    const fagsign = startFagsign(['run', '--config', config]);
    try {
      const started = await fagsign.waitForLog((l) => l.msg === 'fagsign run started', 90_000);
      const port = started.httpPort as number;
      const live = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);

      const store = await openSqliteEventStore(db);
      const ids: ContractId[] = [];
      const counties: County[] = ['Telemark', 'Telemark', 'Østfold'];
      try {
        for (const [i, county] of counties.entries()) {
          const registration = sampleRegistration({ contractId: `RUN-${i + 1}`, seed: 40 + i, county });
          ids.push(registration.contractId);
          await handle(store, registration.contractId, registration, { now: DateTime.now() });
          await handle(store, registration.contractId, { type: 'CreateOrder' }, { now: DateTime.now() });
        }
        await eventually(
          async () => {
            const states = await Promise.all(ids.map(async (id) => replay((await store.readStream(contractStreamName(id))).events.map((e) => e.event))));
            return states.every((s) => s.status === 'signed-electronically' && s.followUp?.vigo.done === true) ? true : undefined;
          },
          60_000,
          'every contract signed, archived and reported to Vigo',
        );
      } finally {
        await store.close();
      }

      const body = await eventually(
        async () => {
          const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
          return metric(text, 'fagsign_contracts{county="Telemark",status="signed-electronically"}') === 2 ? text : undefined;
        },
        15_000,
        'the read model behind /metrics caught up',
      );
      expect(metric(body, 'fagsign_contracts{county="Østfold",status="signed-electronically"}')).toBe(1);
      expect(metric(body, 'fagsign_orders{county="Telemark",status="completed"}')).toBe(2);
      expect(metric(body, 'fagsign_orders{county="Østfold",status="completed"}')).toBe(1);
      expect(metric(body, 'fagsign_provider_calls_total{operation="createJob"}')).toBe(3);
      expect(metric(body, 'fagsign_provider_calls_total{operation="fetchSignedDocument"}')).toBe(3);
      expect(metric(body, 'fagsign_lease_held')).toBe(1);
      expect(fagsign.logs.filter((l) => l.event === 'ContractSignedElectronically').map((l) => l.correlationId).sort()).toEqual(['RUN-1/1', 'RUN-2/1', 'RUN-3/1']);

      fagsign.child.kill('SIGTERM');
      const { code, afterMs } = await fagsign.exited();
      expect(code).toBe(0);
      expect(afterMs).toBeLessThan(graceSeconds * 1000);
      expect(fagsign.logs.map((l) => l.msg)).toContain('stopped');
      expect(fagsign.stderr()).toBe('');
    } finally {
      fagsign.child.kill('SIGKILL');
    }
  });

  it('refuses an invalid configuration with every problem in one message and exit 2, before starting anything', async () => {
    const config = writeConfig('bad.json', {
      store: 'sqlite:./never-created.db',
      provider: { kind: 'posten', baseUrl: 'https://api.signering.posten.no/api', sender: '974760673', certificate: { certFile: 'cert.pem', keyFile: 'key.pem', passphraseEnv: 'FAGSIGN_TEST_UNSET_PASSPHRASE' }, signerKeyEnv: 'FAGSIGN_TEST_UNSET_KEY' },
      policy: { counties: { Telemark: { validityDays: 500 } } },
    });
    const fagsign = startFagsign(['run', '--config', config]);
    const { code } = await fagsign.exited();
    expect(code).toBe(2);
    expect(fagsign.logs).toEqual([]);
    const message = fagsign.stderr();
    for (const path of ['policy.counties.Telemark.validityDays', 'provider.certificate.certFile', 'provider.certificate.keyFile', 'provider.certificate.caFile', 'provider.certificate.passphraseEnv', 'provider.signerKeyEnv', 'documents', 'notifier', 'archive', 'vigo', 'bundleSigner']) {
      expect(message).toContain(`  - ${path}: `);
    }
    expect(message).toMatch(/has 11 problems; fagsign run did not start/);
  });
});
