import { checkSchemaName } from '../store/postgres/postgres-schema.js';

/** Test support: every row of every table in a PostgreSQL schema, as text, to search for what must not be there. */
export const postgresSchemaText = async (url: string, schemaName: string): Promise<string> => {
  const schema = checkSchemaName(schemaName);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    let text = '';
    for (const { table_name } of tables.rows) {
      text += (await client.query<{ row: string }>(`SELECT t::text AS row FROM ${schema}."${table_name.replace(/"/g, '')}" t`)).rows.map((r) => r.row).join('\n');
    }
    return text;
  } finally {
    await client.end();
  }
};

/** Test support: drops a schema made for a test. */
export const dropPostgresSchema = async (url: string, schemaName: string): Promise<void> => {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${checkSchemaName(schemaName)} CASCADE`);
  } finally {
    await client.end();
  }
};
