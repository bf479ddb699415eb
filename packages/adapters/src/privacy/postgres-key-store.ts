import { memoryKeyStore, type KeyStore } from './key-store.js';
import { keyOf, type KeyRow } from './key-row.js';
import { checkSchemaName } from '../store/postgres/postgres-schema.js';

/*
 * The key store as two tables in the event store's PostgreSQL schema. A deleted key's row is
 * dead at once and `VACUUM` makes its space free for reuse; the bytes are overwritten only when
 * the page is reused, and base backups and WAL archives keep what they held (docs/privacy.md).
 * The erasure ledger in the log takes a restored key out again on open.
 */


/**
 * Opens the key store as a table in the given PostgreSQL schema (created when missing), beside a
 * PostgreSQL event store. `readOnly`: for commands that only read; nothing is created (every
 * transaction is read-only), and a schema without key tables (a plain log) reads as holding no key.
 */
export const openPostgresKeyStore = async (url: string, schemaName = 'public', readOnly = false): Promise<KeyStore> => {
  const schema = checkSchemaName(schemaName);
  // loaded here, not at the top: a user of another store never loads the PostgreSQL client
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 2, ...(readOnly ? { options: '-c default_transaction_read_only=on' } : {}) });
  pool.on('error', () => undefined);
  const keys = `${schema}.fagsign_data_keys`;
  const people = `${schema}.fagsign_person_index`;
  if (readOnly) {
    const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [keys]);
    if (rows[0]?.found === null || rows[0]?.found === undefined) {
      await pool.end();
      return memoryKeyStore();
    }
  } else {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await pool.query(`CREATE TABLE IF NOT EXISTS ${keys} (owner text PRIMARY KEY, key_id text NOT NULL, master_key_id text NOT NULL, wrapped text NOT NULL)`);
    await pool.query(`CREATE TABLE IF NOT EXISTS ${people} (person_hash text NOT NULL, contract_id text NOT NULL, PRIMARY KEY (person_hash, contract_id))`);
  }
  const select = `SELECT owner, key_id, master_key_id, wrapped FROM ${keys}`;
  return {
    async get(owner) {
      const { rows } = await pool.query<KeyRow>(`${select} WHERE owner = $1`, [owner]);
      return rows[0] === undefined ? undefined : keyOf(rows[0]);
    },
    async create(key) {
      await pool.query(`INSERT INTO ${keys} (owner, key_id, master_key_id, wrapped) VALUES ($1, $2, $3, $4) ON CONFLICT (owner) DO NOTHING`, [
        key.owner,
        key.keyId,
        key.masterKeyId,
        key.wrapped,
      ]);
      const { rows } = await pool.query<KeyRow>(`${select} WHERE owner = $1`, [key.owner]);
      return keyOf(rows[0]!);
    },
    async delete(owner) {
      const client = await pool.connect();
      let deleted: boolean;
      try {
        await client.query('BEGIN');
        await client.query(`DELETE FROM ${people} WHERE contract_id = $1`, [owner]);
        deleted = ((await client.query(`DELETE FROM ${keys} WHERE owner = $1`, [owner])).rowCount ?? 0) > 0;
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      await pool.query(`VACUUM ${keys}`).catch(() => undefined); // best effort: another session may hold the table
      return deleted;
    },
    list: async () => (await pool.query<KeyRow>(`${select} ORDER BY owner`)).rows.map(keyOf),
    async rewrap(key) {
      await pool.query(`UPDATE ${keys} SET master_key_id = $1, wrapped = $2 WHERE owner = $3 AND key_id = $4`, [key.masterKeyId, key.wrapped, key.owner, key.keyId]);
    },
    async indexPerson(hash, contractId) {
      await pool.query(`INSERT INTO ${people} (person_hash, contract_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [hash, contractId]);
    },
    contractsOfPerson: async (hash) =>
      (await pool.query<{ contract_id: string }>(`SELECT contract_id FROM ${people} WHERE person_hash = $1 ORDER BY contract_id`, [hash])).rows.map((r) => r.contract_id),
    close: () => pool.end(),
  };
};
