import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { ContractEvent } from '@fagsign/domain';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { StoredEventUnreadable, StoreUnavailable } from '../errors.js';
import type { EventStore, RecordedEvent } from '../event-store.js';
import { vigoUpdated } from '../contract/sample-history.js';
import { openSqliteEventStore } from './sqlite-event-store.js';
import { parsedRowOf, sqliteReadAhead } from './sqlite-read-ahead.js';
import { sqliteStatements } from './sqlite-statements.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-read-ahead-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = (): string => join(dir, `log-${++files}.db`);

/** A store with `n` events over 7 contracts, some with correlation and causation ids. */
const storeWith = async (n: number, options: { readAhead?: boolean } = { readAhead: true }, file = newFile()): Promise<{ store: EventStore<ContractEvent>; file: string }> => {
  const store = await openSqliteEventStore(file, options);
  for (let i = 0; i < n; i++) {
    const contract = `LK-2026-RA${i % 7}`;
    await store.appendToStream(`contract-${contract}`, [{ event: vigoUpdated(contract as never, i) }], i % 3 === 0 ? { correlationId: `c-${i}`, causationId: `k-${i}` } : {});
  }
  return { store, file };
};

const pages = async (store: EventStore<ContractEvent>, options: Parameters<EventStore<ContractEvent>['readAllPages']>[0]) => {
  const out: (readonly RecordedEvent<ContractEvent>[])[] = [];
  for await (const page of store.readAllPages(options)) out.push(page);
  return out;
};

/** A row written by another program, its data not JSON. */
const writeUnreadable = (file: string, streamName: string, version: number): void => {
  const db = new Database(file);
  try {
    db.prepare('INSERT INTO fagsign_events (stream_name, stream_version, event_id, event_type, schema_version, data, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      streamName,
      version,
      `bad-${version}-${Math.random()}`,
      'VigoUpdated',
      1,
      '{"contractId":"LK-2026-RA0","at":',
      new Date().toISOString(),
    );
  } finally {
    db.close();
  }
};

describe('SQLite read-ahead (a second thread reads the next page of the global log)', () => {
  it('hands over the same rows as a read on this thread, page by page, once started', async () => {
    const { store, file } = await storeWith(40);
    const ahead = sqliteReadAhead(file);
    try {
      expect(await ahead.read(0, 10)).toBeUndefined(); // not started: the caller reads itself
      ahead.warm();
      const db = new Database(file, { readonly: true });
      const here = sqliteStatements(db);
      for (const [after, limit] of [[0, 10], [10, 10], [35, 10], [40, 10]] as const) {
        ahead.warm(); // a short page (the end of the log) ends the thread
        expect(await ahead.read(after, limit)).toEqual(here.readPage(after, limit).map(parsedRowOf));
      }
      db.close();
    } finally {
      await ahead.close();
      await store.close();
    }
  });

  it('ends its thread when a read reaches the end of the log, or after a while without reads, and starts one again for the next long read', async () => {
    const { store, file } = await storeWith(25);
    const ahead = sqliteReadAhead(file);
    try {
      ahead.warm();
      expect(ahead.running).toBe(true);
      expect(await ahead.read(0, 10)).toHaveLength(10);
      expect(ahead.running).toBe(true);
      expect(await ahead.read(20, 10)).toHaveLength(5); // the end of the log
      expect(ahead.running).toBe(false);
      expect(await ahead.read(0, 10)).toBeUndefined(); // read here until warmed again
      ahead.warm();
      expect(await ahead.read(0, 10)).toHaveLength(10);
      await vi.waitFor(() => expect(ahead.running).toBe(false), { timeout: 5000, interval: 100 }); // idle
      ahead.warm();
      expect(ahead.running).toBe(true);
    } finally {
      await ahead.close();
      await store.close();
    }
    expect(ahead.running).toBe(false);
    ahead.warm(); // closed for good
    expect(ahead.running).toBe(false);
  });

  it('gives readAllPages exactly the records of a store that reads on one thread, in both views', async () => {
    const { store, file } = await storeWith(57);
    await store.close();
    const withThread = await openSqliteEventStore(file, { readAhead: true });
    const without = await openSqliteEventStore(file, { readAhead: false });
    for (const view of ['full', 'projection'] as const) {
      for (const batchSize of [1, 8, 57, 1000]) {
        const a = await pages(withThread, { batchSize, view });
        const b = await pages(without, { batchSize, view });
        expect(a).toEqual(b);
        expect(a.flat()).toHaveLength(57);
      }
    }
    await withThread.close();
    await without.close();
  });

  it('reads a page whose stored data is not JSON again on this thread: the events before it come first, then StoredEventUnreadable', async () => {
    const { store, file } = await storeWith(20);
    writeUnreadable(file, 'contract-LK-2026-RA0', 100);
    await store.appendToStream('contract-LK-2026-RA1', [{ event: vigoUpdated('LK-2026-RA1' as never, 99) }]);
    for (const batchSize of [3, 7]) {
      const seen: RecordedEvent<ContractEvent>[] = [];
      let failure: unknown;
      try {
        for await (const page of store.readAllPages({ batchSize })) seen.push(...page);
      } catch (error) {
        failure = error;
      }
      expect(seen).toHaveLength(20);
      expect(failure).toBeInstanceOf(StoredEventUnreadable);
      expect(failure).toMatchObject({ streamName: 'contract-LK-2026-RA0', streamVersion: 100, checkpoint: '21' });
      const rest = (await pages(store, { after: '21', batchSize })).flat();
      expect(rest.map((e) => e.streamName)).toEqual(['contract-LK-2026-RA1']);
    }
    await store.close();
  });

  it('sees what was appended since the thread started, from this process and from another connection', async () => {
    const { store, file } = await storeWith(12);
    expect((await pages(store, { batchSize: 4 })).flat()).toHaveLength(12); // full pages: the thread is started
    await store.appendToStream('contract-LK-2026-RA2', [{ event: vigoUpdated('LK-2026-RA2' as never, 12) }]);
    const other = await openSqliteEventStore(file, { readAhead: false });
    await other.appendToStream('contract-LK-2026-RA3', [{ event: vigoUpdated('LK-2026-RA3' as never, 13) }]);
    await other.close();
    const all = (await pages(store, { batchSize: 4 })).flat();
    expect(all.map((e) => e.checkpoint)).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1)));
    await store.close();
  });

  it('a store closed during a long read ends the read with StoreUnavailable, not a hang', async () => {
    const { store } = await storeWith(30);
    const reading = (async () => {
      let n = 0;
      for await (const page of store.readAllPages({ batchSize: 2 })) {
        n += page.length;
        if (n === 10) await store.close();
      }
      return n;
    })();
    await expect(reading).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('does not keep a process alive: a script that reads a long log and never closes the store ends by itself', () => {
    const file = newFile();
    const script = `
      const { openSqliteEventStore } = await import(${JSON.stringify(fileURLToPath(new URL('./sqlite-event-store.ts', import.meta.url)))});
      const { vigoUpdated } = await import(${JSON.stringify(fileURLToPath(new URL('../contract/sample-history.ts', import.meta.url)))});
      const store = await openSqliteEventStore(${JSON.stringify(file)}, { readAhead: true });
      for (let i = 0; i < 30; i++) await store.appendToStream('contract-LK-2026-RA' + (i % 3), [{ event: vigoUpdated('LK-2026-RA' + (i % 3), i) }]);
      let n = 0;
      for await (const page of store.readAllPages({ batchSize: 4 })) n += page.length;
      console.log(n);
    `;
    const here = fileURLToPath(new URL('.', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(here, '..', '..', '..'),
      env: { ...process.env, TSX_TSCONFIG_PATH: join(here, 'crash', 'tsconfig.json') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('30');
    expect(child.status).toBe(0);
  });
});
