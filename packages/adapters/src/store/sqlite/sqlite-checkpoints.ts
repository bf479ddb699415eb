import type BetterSqlite3 from 'better-sqlite3';
import type { CheckpointStore } from '../../processing/checkpoint-store.js';
import { StoredProjectionUnreadable } from '../errors.js';

/*
 * Processors' checkpoints and leases in the SQLite file, table `fagsign_processors`. The lease's
 * clock is this machine's (`Date.now()`): every process that opens one SQLite file runs on the
 * machine that holds it. Each call is one statement or one IMMEDIATE transaction, so two processes
 * never both take a lease.
 */
export const sqliteCheckpoints = (db: BetterSqlite3.Database, guarded: <T>(operation: string, run: () => T) => T, now: () => number = Date.now): CheckpointStore => {
  const load = db.prepare<[string], { checkpoint: string | null; state: string }>('SELECT checkpoint, state FROM fagsign_processors WHERE name = ?');
  const saveFenced = db.prepare<[string | null, string, string, string, string, number]>(
    'UPDATE fagsign_processors SET checkpoint = ?, state = ?, saved_at = ? WHERE name = ? AND holder = ? AND lease_expires_at > ?',
  );
  const saveFree = db.prepare<[string, string | null, string, string]>(
    `INSERT INTO fagsign_processors (name, checkpoint, state, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, state = excluded.state, saved_at = excluded.saved_at`,
  );
  const saveVersion = db.prepare<[string, string | null, string, string, number]>(
    `INSERT INTO fagsign_processors (name, checkpoint, state, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, state = excluded.state, saved_at = excluded.saved_at
     WHERE coalesce(json_extract(fagsign_processors.state, '$.version'), 0) <= ?`,
  );
  const take = db.prepare<[string, string, number, string, number]>(
    `INSERT INTO fagsign_processors (name, holder, lease_expires_at, state, saved_at) VALUES (?, ?, ?, 'null', ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_expires_at = excluded.lease_expires_at
     WHERE fagsign_processors.holder IS NULL OR fagsign_processors.holder = excluded.holder OR fagsign_processors.lease_expires_at <= ?`,
  );
  const holderOf = db.prepare<[string], { holder: string | null; lease_expires_at: number | null }>('SELECT holder, lease_expires_at FROM fagsign_processors WHERE name = ?');
  const release = db.prepare<[string, string]>('UPDATE fagsign_processors SET holder = NULL, lease_expires_at = NULL WHERE name = ? AND holder = ?');
  const count = db.prepare<[number], number>('SELECT count(*) FROM fagsign_events WHERE global_position > ?').pluck();
  const acquire = db.transaction((name: string, holder: string, ttlMs: number) => {
    const at = now();
    take.run(name, holder, at + ttlMs, new Date(at).toISOString(), at);
    const row = holderOf.get(name)!;
    return { holder: row.holder ?? '', expiresAt: row.lease_expires_at ?? 0 };
  });

  return {
    async load(name) {
      const row = guarded('load checkpoint', () => load.get(name));
      if (row === undefined) return undefined;
      let state: unknown;
      try {
        state = JSON.parse(row.state);
      } catch {
        throw new StoredProjectionUnreadable(name); // a row written by hand or half restored: say which, `rebuild` repairs it
      }
      return { checkpoint: row.checkpoint ?? undefined, state };
    },
    async save(name, saved, holder) {
      const state = JSON.stringify(saved.state) ?? 'null';
      const savedAt = new Date().toISOString();
      return guarded('save checkpoint', () =>
        holder === undefined
          ? (saveFree.run(name, saved.checkpoint ?? null, state, savedAt), true)
          : saveFenced.run(saved.checkpoint ?? null, state, savedAt, name, holder, now()).changes === 1,
      );
    },
    async saveVersion(name, saved) {
      const state = JSON.stringify(saved.state);
      const savedAt = new Date().toISOString();
      return guarded('save version', () => saveVersion.run(name, saved.checkpoint ?? null, state, savedAt, saved.state.version).changes === 1);
    },
    acquire: async (name, holder, ttlMs) => guarded('acquire lease', () => acquire.immediate(name, holder, ttlMs)),
    async release(name, holder) {
      guarded('release lease', () => release.run(name, holder));
    },
    eventsAfter: async (checkpoint) => guarded('count events', () => count.get(checkpoint === undefined ? 0 : Number(checkpoint)) ?? 0),
  };
};
