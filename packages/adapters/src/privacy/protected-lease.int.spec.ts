import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '../provider/simulated/simulated-provider.js';
import { createWorkflowRunner } from '../workflow/runner.js';
import { simulatedArchive, simulatedNotifier, simulatedVigo } from '../workflow/simulated-ports.js';
import { singleMasterKey } from './master-keys.js';
import { openProtectedEventStore } from './open-protected-store.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-protected-lease-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('two runners on one encrypted SQLite file', () => {
  it('share one lease: the second waits as a standby, as on a plain store', async () => {
    const url = `sqlite:${join(dir, 'county.db')}`;
    const master = singleMasterKey('county', randomBytes(32));
    const now = DateTime.fromISO('2027-02-01T10:00:00', { zone: 'Europe/Oslo' });
    const runnerOn = async (holder: string) => {
      const store = await openProtectedEventStore(url, { master });
      const at = () => now.toUTC().toISO() as never;
      const runner = createWorkflowRunner({
        store,
        provider: createSimulatedProvider({ seed: 1, now: at }),
        notifier: simulatedNotifier({ now: at }),
        archive: simulatedArchive(),
        vigo: simulatedVigo(),
        lease: { holder, ttlMs: 60_000 },
      });
      return { store, runner };
    };
    const a = await runnerOn('host-a/1');
    const b = await runnerOn('host-b/2');
    try {
      await a.runner.runOnce(now);
      await b.runner.runOnce(now);
      expect(a.runner.status().lease).toMatchObject({ held: true, holder: 'host-a/1' });
      expect(b.runner.status().lease).toMatchObject({ held: false, holder: 'host-a/1' });
    } finally {
      await a.runner.release();
      await a.store.close();
      await b.store.close();
    }
  });
});
