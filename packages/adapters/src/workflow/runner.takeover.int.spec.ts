import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Instant } from '@fagsign/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../store/sqlite/sqlite-event-store.js';
import { createSimulatedProvider } from '../provider/simulated/simulated-provider.js';
import { createWorkflowRunner } from './runner.js';
import { simulatedArchive, simulatedNotifier, simulatedVigo } from './simulated-ports.js';

/*
 * The lease holder is a child process killed with SIGKILL (no release, no goodbye); the standby in
 * this process takes over within the stated time: the lease's life plus the standby's retry
 * interval (at most a third of the lease's life).
 */

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'fagsign-takeover-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ttlMs = 2000;

const startHolder = (database: string): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'lease-holder', 'holder.ts'), database, String(ttlMs)], {
      cwd: packageRoot,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(here, 'lease-holder', 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the holder never took the lease: ${stderr}`));
    }, 60_000);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('holding')) {
        clearTimeout(guard);
        resolve(child);
      }
    });
    child.on('error', reject);
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lease takeover', () => {
  it(`the holder killed with SIGKILL: the standby takes over within the lease's life plus a third (${ttlMs} + ${Math.round(ttlMs / 3)} ms)`, async () => {
    const database = join(dir, 'takeover.db');
    await (await openSqliteEventStore(database)).close(); // the schema, before two processes race to create it
    const child = await startHolder(database);

    const now = () => new Date().toISOString() as Instant;
    const store = await openSqliteEventStore(database);
    const standby = createWorkflowRunner({
      store,
      provider: createSimulatedProvider({ seed: 2, now }),
      notifier: simulatedNotifier({ now }),
      archive: simulatedArchive(),
      vigo: simulatedVigo(),
      name: 'county-runner',
      lease: { holder: 'standby', ttlMs },
    });
    const loop = standby.start({ intervalMs: 60_000 });
    // Waiting for longer than the lease's life: the living holder keeps renewing it.
    await sleep(ttlMs * 1.5);
    expect(standby.status().lease).toMatchObject({ held: false });
    expect(standby.status().lease.holder).toMatch(/^child-/);

    const exited = new Promise((resolve) => child.on('exit', resolve));
    const killedAt = performance.now();
    child.kill('SIGKILL');
    await exited;
    while (!standby.status().lease.held && performance.now() - killedAt < 30_000) await sleep(20);
    const takeoverMs = performance.now() - killedAt;

    expect(standby.status().lease).toMatchObject({ held: true, holder: 'standby' });
    expect(takeoverMs).toBeLessThanOrEqual(ttlMs + ttlMs / 3 + 500); // 500 ms for a loaded machine
    await loop.stop();
    await store.close();
  });
});
