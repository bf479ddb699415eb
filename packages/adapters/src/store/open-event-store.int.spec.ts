import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailable, UnknownStoreUrl } from './errors.js';
import { openEventStore } from './open-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openEventStore', () => {
  it('chooses the store by the URL', async () => {
    const memory = await openEventStore('memory:');
    const sqlite = await openEventStore(`sqlite:${join(dir, 'fagsign.db')}`);
    const sqliteUrl = await openEventStore(`sqlite://${join(dir, 'other.db')}`);
    expect([memory.kind, sqlite.kind, sqliteUrl.kind]).toEqual(['memory', 'sqlite', 'sqlite']);
    await Promise.all([memory.close(), sqlite.close(), sqliteUrl.close()]);
  });

  it('refuses what names no store with one clear line that never repeats the URL', async () => {
    for (const url of ['mysql://fagsign:hemmelig@db/fagsign', 'fagsign.db', '', 'sqlite:', 'memory:extra']) {
      const error = await openEventStore(url).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(UnknownStoreUrl);
      expect((error as Error).message).not.toContain('hemmelig');
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).toContain('Use memory:, sqlite:PATH, postgres://…, or esdb://…');
    }
    await expect(openEventStore('mysql://db')).rejects.toThrow('Unknown event store URL (mysql:): this scheme names no fagsign store.');
  });

  it('opens postgres:// and postgresql:// with pg, failing as StoreUnavailable when nothing answers', async () => {
    for (const url of ['postgres://fagsign:hemmelig@127.0.0.1:1/fagsign', 'postgresql://127.0.0.1:1/fagsign']) {
      const error = await openEventStore(url, { postgres: { connectionTimeoutMs: 2_000 } }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect(error).toMatchObject({ kind: 'postgres', operation: 'open' });
      expect((error as Error).message).not.toContain('hemmelig');
    }
  });

  it('opens esdb:// with the EventStoreDB client, failing as StoreUnavailable when nothing answers', async () => {
    const error = await openEventStore('esdb://127.0.0.1:1?tls=false', { esdb: { deadlineMs: 500 } }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect(error).toMatchObject({ kind: 'esdb', operation: 'open' });
  });
});
