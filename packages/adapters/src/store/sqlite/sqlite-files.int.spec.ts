import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { NotAFagsignStore, StoredEventUnreadable, StoreUnavailable } from '../errors.js';
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

describe('SQLite event store: what it opens', () => {
  it('creates a new file readable only by its owner (0600), and its WAL files alike', async () => {
    const path = join(dir, 'private.db');
    const store = await openSqliteEventStore(path);
    await store.appendToStream(stream, [event(1)]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it.each([
    ['an empty file', (path: string) => writeFileSync(path, ''), /is not a fagsign event store: the file is empty/],
    ['a text file', (path: string) => writeFileSync(path, 'notes about apprentices\n'), /not an SQLite database/],
    [
      'another SQLite database',
      (path: string) => {
        const other = new Database(path);
        other.exec('CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES (\'x\')');
        other.close();
      },
      /holds no fagsign event log/,
    ],
  ])('refuses %s and leaves it exactly as it was, writable or read-only', async (_what, make, message) => {
    const path = join(dir, `other-${_what.replace(/\W/g, '-')}.db`);
    make(path);
    const before = readFileSync(path);
    for (const readOnly of [false, true]) {
      const error = await openSqliteEventStore(path, { readOnly }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(NotAFagsignStore);
      expect((error as Error).message).toMatch(message);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('opens a read-only file read-only: reads, refuses writes, and changes no byte', async () => {
    const path = join(dir, 'read-only.db');
    const writer = await openSqliteEventStore(path);
    await writer.appendToStream(stream, [event(1), event(2)]);
    await writer.close();
    chmodSync(path, 0o400);
    const before = readFileSync(path);
    const reader = await openSqliteEventStore(path, { readOnly: true });
    expect((await reader.readStream(stream)).currentVersion).toBe(2);
    await expect(reader.appendToStream(stream, [event(3)])).rejects.toThrow(/read-only/);
    await expect(reader.saveProjection('x', { version: 1, checkpoint: undefined, state: {} })).rejects.toThrow(/read-only/);
    await reader.close();
    expect(readFileSync(path).equals(before)).toBe(true);
    await expect(openSqliteEventStore(join(dir, 'missing.db'), { readOnly: true })).rejects.toBeInstanceOf(StoreUnavailable);
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
  });
});
