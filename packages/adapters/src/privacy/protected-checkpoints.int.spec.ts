import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointStoreOf } from '../processing/checkpoint-stores.js';
import { singleMasterKey } from './master-keys.js';
import { openProtectedEventStore } from './open-protected-store.js';

const folder = mkdtempSync(join(tmpdir(), 'fagsign-protected-lease-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a protected (encrypted) store keeps processors\' checkpoints and leases in the store', () => {
  it('two processes on one SQLite file see one lease and one checkpoint, not one each', async () => {
    const url = `sqlite:${join(folder, 'store.db')}`;
    const master = singleMasterKey('k1', randomBytes(32));
    const a = await openProtectedEventStore(url, { master });
    const b = await openProtectedEventStore(url, { master });
    expect((await checkpointStoreOf(a).acquire('workflow-runner', 'web-1', 30_000)).holder).toBe('web-1');
    // Without the store's own table each store object kept its lease in memory: both would hold it.
    expect((await checkpointStoreOf(b).acquire('workflow-runner', 'web-2', 30_000)).holder).toBe('web-1');
    expect(await checkpointStoreOf(a).save('workflow-runner', { checkpoint: '7', state: { open: [] } }, 'web-1')).toBe(true);
    expect(await checkpointStoreOf(b).load('workflow-runner')).toEqual({ checkpoint: '7', state: { open: [] } });
    await a.close();
    await b.close();
  });
});
