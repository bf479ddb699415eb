import { StoreUnavailable } from '../errors.js';
import { checkSchemaName, postgresSchemaSql, postgresSchemaVersion } from './postgres-schema.js';
import { loadStoreClient } from '../optional-client.js';

/** The little of a pg client the migration needs; keeps pg's types inside the adapter. */
export interface SqlRunner {
  query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface MigrateOptions {
  /** The schema to hold fagsign's tables (default `public`). */
  readonly schema?: string;
}

/**
 * Creates or upgrades fagsign's tables and append function. Idempotent, and safe when several
 * processes start at once: a transaction-scoped advisory lock lets one of them migrate at a time.
 */
export const migrateWith = async (client: SqlRunner, schema: string): Promise<void> => {
  checkSchemaName(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fagsign-migrate:${schema}`]);
    const exists = await client.query("SELECT to_regclass($1) IS NOT NULL AS present", [`${schema}.fagsign_schema_version`]);
    if (exists.rows[0]?.present === true) {
      const found = await client.query(`SELECT coalesce(max(version), 0) AS version FROM ${schema}.fagsign_schema_version`);
      const version = Number(found.rows[0]?.version ?? 0);
      if (version > postgresSchemaVersion) throw new Error(`schema ${schema} is at version ${version}; this fagsign knows up to ${postgresSchemaVersion}`);
      if (version === postgresSchemaVersion) {
        await client.query('COMMIT');
        return;
      }
    }
    await client.query(postgresSchemaSql(schema));
    await client.query(`INSERT INTO ${schema}.fagsign_schema_version (version) VALUES ($1) ON CONFLICT DO NOTHING`, [postgresSchemaVersion]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

/** Migrates the database at `url` (see `migrateWith`). The store's open runs this too, unless `migrate: false`. */
export const migratePostgres = async (url: string, options: MigrateOptions = {}): Promise<void> => {
  const { default: pg } = await loadStoreClient('postgres', 'pg', () => import('pg'));
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new StoreUnavailable('postgres', 'migrate', error);
  }
  try {
    await migrateWith(client, options.schema ?? 'public');
  } finally {
    await client.end().catch(() => undefined);
  }
};
