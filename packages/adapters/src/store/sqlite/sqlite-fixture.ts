import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { EventStoreFixture } from '../contract/context.js';
import { openSqliteEventStore } from './sqlite-event-store.js';

/** Test support: a temporary directory of SQLite files, one per store the suite opens. */
export const sqliteFixture = async (): Promise<EventStoreFixture & { pathOf(scope: string): string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'fagsign-sqlite-'));
  const paths = new WeakMap<object, string>();
  const pathOf = (scope: string): string => join(dir, `${scope}.db`);
  return {
    pathOf,
    async open(scope) {
      const store = await openSqliteEventStore(pathOf(scope));
      paths.set(store, pathOf(scope));
      return store;
    },
    // A second connection, as another process would write: nothing of the adapter is involved.
    async writeRaw(store, streamName, raw) {
      const db = new Database(paths.get(store)!);
      try {
        const version = (db.prepare('SELECT coalesce(max(stream_version), 0) FROM fagsign_events WHERE stream_name = ?').pluck().get(streamName) as number) + 1;
        db.prepare(
          'INSERT INTO fagsign_events (stream_name, stream_version, event_id, event_type, schema_version, data, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(streamName, version, randomUUID(), raw.eventType, raw.schemaVersion, raw.json, new Date().toISOString());
      } finally {
        db.close();
      }
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
