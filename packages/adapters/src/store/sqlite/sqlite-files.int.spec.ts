import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoredEventUnreadable, StoreUnavailable } from '../errors.js';
import { sampleContractId, vigoUpdated } from '../contract/sample-history.js';
import { openSqliteEventStore } from './sqlite-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-sqlite-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const stream = 'contract-LK-2026-000001';
const event = (n: number) => ({ event: vigoUpdated(sampleContractId(1), n) });

describe('SQLite event store', () => {
  it('opens in WAL mode with the chosen durability, and keeps events across a reopen', async () => {
    const path = join(dir, 'reopen.db');
    for (const durability of ['normal', 'full'] as const) {
      const store = await openSqliteEventStore(path, { durability });
      await store.appendToStream(stream, [event(1)]);
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const reopened = await openSqliteEventStore(path);
    expect((await reopened.readStream(stream)).currentVersion).toBe(2);
    await reopened.close();
  });

  it('reports stored text that is not JSON as StoredEventUnreadable without quoting it', async () => {
    const path = join(dir, 'not-json.db');
    const store = await openSqliteEventStore(path);
    await store.appendToStream(stream, [event(1)]);
    const db = new Database(path);
    db.prepare("UPDATE fagsign_events SET data = '{\"mobile\": \"+4791234567\"' WHERE stream_version = 1").run();
    db.close();
    const error = await store.readStream(stream).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoredEventUnreadable);
    expect(error).toMatchObject({ streamName: stream, streamVersion: 1, checkpoint: '1', decodeError: undefined });
    expect((error as Error).message).not.toContain('91234567');
    expect((error as Error).cause).toBeUndefined();
    await store.close();
  });

  it('wakes a subscription for events another process appends (by polling)', async () => {
    const path = join(dir, 'two-processes.db');
    const reader = await openSqliteEventStore(path, { pollIntervalMs: 20 });
    const writer = await openSqliteEventStore(path);
    const subscription = reader.subscribe();
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    await writer.appendToStream(stream, [event(1)]);
    expect((await next).value).toMatchObject({ streamName: stream, streamVersion: 1 });
    await subscription.close();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('answers StoreUnavailable when the file cannot be opened, or once the store is closed', async () => {
    await expect(openSqliteEventStore(join(dir, 'no-such-dir', 'x.db'))).rejects.toBeInstanceOf(StoreUnavailable);
    const store = await openSqliteEventStore(join(dir, 'closed.db'));
    const subscription = store.subscribe();
    const waiting = subscription[Symbol.asyncIterator]().next();
    await store.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    await expect(store.appendToStream(stream, [event(1)])).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(StoreUnavailable);
  });
});
