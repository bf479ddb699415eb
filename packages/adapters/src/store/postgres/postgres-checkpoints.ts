import type { CheckpointStore } from '../../processing/checkpoint-store.js';

/*
 * Processors' checkpoints and leases in PostgreSQL, table `fagsign_processors`, in the same
 * database as the events. The lease's clock is the server's (`clock_timestamp()`), so runners on
 * machines whose clocks differ still agree on when a lease ran out. Every call is one statement.
 */

type Query = <R>(operation: string, sql: string, values: unknown[]) => Promise<R[]>;

const nowMs = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

export const postgresCheckpoints = (s: string, query: Query, countAfter: (checkpoint: string | undefined) => Promise<number>): CheckpointStore => ({
  async load(name) {
    const [row] = await query<{ checkpoint: string | null; state: unknown }>('load checkpoint', `SELECT checkpoint, state FROM ${s}.fagsign_processors WHERE name = $1`, [name]);
    return row === undefined ? undefined : { checkpoint: row.checkpoint ?? undefined, state: row.state };
  },
  async save(name, saved, holder) {
    const state = JSON.stringify(saved.state) ?? 'null';
    if (holder === undefined) {
      await query(
        'save checkpoint',
        `INSERT INTO ${s}.fagsign_processors (name, checkpoint, state) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, state = excluded.state, saved_at = now()`,
        [name, saved.checkpoint ?? null, state],
      );
      return true;
    }
    const rows = await query(
      'save checkpoint',
      `UPDATE ${s}.fagsign_processors SET checkpoint = $2, state = $3::jsonb, saved_at = now()
       WHERE name = $1 AND holder = $4 AND lease_expires_at > ${nowMs} RETURNING 1`,
      [name, saved.checkpoint ?? null, state, holder],
    );
    return rows.length === 1;
  },
  async saveVersion(name, saved) {
    const rows = await query(
      'save version',
      `INSERT INTO ${s}.fagsign_processors AS p (name, checkpoint, state) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, state = excluded.state, saved_at = now()
       WHERE coalesce((p.state ->> 'version')::numeric, 0) <= $4
       RETURNING 1`,
      [name, saved.checkpoint ?? null, JSON.stringify(saved.state), saved.state.version],
    );
    return rows.length === 1;
  },
  async acquire(name, holder, ttlMs) {
    // One statement: the upsert takes the lease if it may; otherwise the row as it stands answers.
    const [row] = await query<{ holder: string | null; expires_at: string | null }>(
      'acquire lease',
      `WITH taken AS (
         INSERT INTO ${s}.fagsign_processors AS p (name, state, holder, lease_expires_at) VALUES ($1, 'null'::jsonb, $2, ${nowMs} + $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_expires_at = excluded.lease_expires_at
         WHERE p.holder IS NULL OR p.holder = excluded.holder OR p.lease_expires_at <= ${nowMs}
         RETURNING p.holder, p.lease_expires_at)
       SELECT holder, lease_expires_at::text AS expires_at FROM taken
       UNION ALL
       SELECT holder, lease_expires_at::text FROM ${s}.fagsign_processors WHERE name = $1 AND NOT EXISTS (SELECT 1 FROM taken)`,
      [name, holder, Math.round(ttlMs)],
    );
    return { holder: row?.holder ?? '', expiresAt: Number(row?.expires_at ?? 0) };
  },
  async release(name, holder) {
    await query('release lease', `UPDATE ${s}.fagsign_processors SET holder = NULL, lease_expires_at = NULL WHERE name = $1 AND holder = $2`, [name, holder]);
  },
  eventsAfter: countAfter,
});
