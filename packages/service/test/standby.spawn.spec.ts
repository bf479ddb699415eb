import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handle, openSqliteEventStore } from '@fagsign/adapters';
import { contractStreamName, replay, type ContractId } from '@fagsign/domain';
import { sampleRegistration } from '@fagsign/domain/testing';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { startFagsign } from './spawn-rig.js';

/*
 * Two `fagsign run` on one SQLite file: the second waits as a standby (not ready, lease not held);
 * the holder is killed with SIGKILL; the standby takes the lease within the lease's expiry and
 * goes on; then the new holder is stopped with SIGTERM, releases the lease, and a third process
 * takes over at its next try, well before the lease would expire.
 *
 * The simulated signing service lives inside each process, so jobs the killed holder created die
 * with it: this test therefore judges the contracts registered after the kill (every one signed,
 * exactly one OrderAccepted per order) and that the standby, not a restart, did it.
 */
const dir = mkdtempSync(join(tmpdir(), 'fagsign-standby-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const leaseSeconds = 9;
// The runner's promise: within the lease's life plus a third after a kill (a holder renews a third
// into the life); a second more for starting the readiness poll.
const takeoverAfterKillMs = ((leaseSeconds * 4) / 3 + 1) * 1000;
// After a release the standby takes over at its next try (every 0.2 s here): well under a third of the life.
const takeoverAfterStopMs = (leaseSeconds / 3) * 1000;

const readiness = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
  return { status: response.status, body: (await response.json()) as { reasons: string[]; lease: { held: boolean } } };
};

const until = async (test: () => Promise<boolean>, timeoutMs: number, what: string) => {
  const end = performance.now() + timeoutMs;
  while (!(await test())) {
    if (performance.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

describe('fagsign run with a standby', () => {
  it('a standby waits, takes over within the stated time after the holder is killed, nothing is doubled, and a clean stop hands over at once', async () => {
    const db = join(dir, 'fagsign.db');
    const config = join(dir, 'fagsign.json');
    writeFileSync(
      config,
      JSON.stringify({
        store: `sqlite:${db}`,
        provider: { kind: 'simulated', seed: 5, clockSpeed: 36_000, profile: { rejectChance: 0, needsReminderChance: 0, noResponseChance: 0 }, pollAfterEmptySeconds: 300 },
        runner: { intervalSeconds: 0.2, leaseSeconds },
        http: { port: 0 },
      }),
    );
    const holder = startFagsign(['run', '--config', config]);
    const holderPort = (await holder.waitForLog((l) => l.msg === 'fagsign run started', 90_000)).httpPort as number;
    await until(async () => (await readiness(holderPort)).status === 200, 30_000, 'the first process holds the lease');
    const standby = startFagsign(['run', '--config', config]);
    try {
      const standbyPort = (await standby.waitForLog((l) => l.msg === 'fagsign run started', 90_000)).httpPort as number;
      const waiting = await readiness(standbyPort);
      expect(waiting.status).toBe(503);
      expect(waiting.body.reasons).toContain("standby: another process holds the runner's lease");

      holder.child.kill('SIGKILL');
      await holder.exited();
      const killedAt = performance.now();
      await until(async () => (await readiness(standbyPort)).status === 200, takeoverAfterKillMs, 'the standby takes over');
      expect(performance.now() - killedAt).toBeLessThan(takeoverAfterKillMs);
      expect((await readiness(standbyPort)).body.lease.held).toBe(true);

      const store = await openSqliteEventStore(db);
      try {
        const ids: ContractId[] = [];
        for (let i = 1; i <= 3; i++) {
          const registration = sampleRegistration({ contractId: `SB-${i}`, seed: 60 + i });
          ids.push(registration.contractId);
          await handle(store, registration.contractId, registration, { now: DateTime.now() });
          await handle(store, registration.contractId, { type: 'CreateOrder' }, { now: DateTime.now() });
        }
        await until(
          async () => {
            const states = await Promise.all(ids.map(async (id) => replay((await store.readStream(contractStreamName(id))).events.map((e) => e.event))));
            return states.every((s) => s.status === 'signed-electronically');
          },
          60_000,
          'the standby signs what came after the kill',
        );
        for (const id of ids) {
          const events = (await store.readStream(contractStreamName(id))).events.map((e) => e.event.type);
          expect(events.filter((t) => t === 'OrderAccepted')).toHaveLength(1);
          expect(events.filter((t) => t === 'ContractSignedElectronically')).toHaveLength(1);
        }
      } finally {
        await store.close();
      }

      const third = startFagsign(['run', '--config', config]);
      try {
        const thirdPort = (await third.waitForLog((l) => l.msg === 'fagsign run started', 90_000)).httpPort as number;
        expect((await readiness(thirdPort)).body.lease.held).toBe(false);
        standby.child.kill('SIGTERM');
        expect((await standby.exited()).code).toBe(0);
        const stoppedAt = performance.now();
        await until(async () => (await readiness(thirdPort)).status === 200, takeoverAfterStopMs, 'a standby takes over at its next try after a clean stop');
        expect(performance.now() - stoppedAt).toBeLessThan(takeoverAfterStopMs);
        third.child.kill('SIGTERM');
        expect((await third.exited()).code).toBe(0);
      } finally {
        third.child.kill('SIGKILL');
      }
    } finally {
      holder.child.kill('SIGKILL');
      standby.child.kill('SIGKILL');
    }
  });
});
