import type { OrderId } from '@fagsign/domain';
import { checkSchemaName } from '../../store/postgres/postgres-schema.js';
import { memoryJobJournal, type JobJournal, type JournalEntry } from './job-journal.js';
import { loadStoreClient } from '../../store/optional-client.js';

/*
 * The job journal kept durably, in a table of the event store's own database (the same SQLite file,
 * or the same PostgreSQL database and schema), so that what the Posten adapter knows about an upload
 * in flight survives a restart exactly as long as the orders do. A table rather than facts on the
 * order: an entry must be written before the upload, holds Posten's own links and the signers'
 * keyed fingerprints (not the domain's business), and is looked up by reference and by job id.
 * Each client is loaded only when its journal is opened, and its types never leave this file.
 */

const table = 'fagsign_job_journal';

interface Row {
  readonly entry: string;
}

const entryOf = (row: Row | undefined): JournalEntry | undefined => (row === undefined ? undefined : (JSON.parse(row.entry) as JournalEntry));

/** `sqlite:PATH` (the event store's file), `postgres://…` (with `schema`), or `memory:`. */
export const openJobJournal = async (url: string, options: { readonly schema?: string } = {}): Promise<JobJournal & { close(): Promise<void> }> => {
  if (url === 'memory:') return { ...memoryJobJournal(), close: async () => undefined };
  if (url.startsWith('sqlite:')) return openSqliteJobJournal(url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresJobJournal(url, options);
  throw new TypeError('openJobJournal: the URL must start with memory:, sqlite: or postgres://');
};

export const openSqliteJobJournal = async (path: string): Promise<JobJournal & { close(): Promise<void> }> => {
  const { default: Database } = await loadStoreClient('sqlite', 'better-sqlite3', () => import('better-sqlite3'));
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    order_id TEXT PRIMARY KEY, reference TEXT NOT NULL, provider_job_id TEXT, entry TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS ${table}_reference ON ${table} (reference);
    CREATE INDEX IF NOT EXISTS ${table}_job ON ${table} (provider_job_id);`);
  const get = db.prepare<[string], Row>(`SELECT entry FROM ${table} WHERE order_id = ?`);
  const byReference = db.prepare<[string], Row>(`SELECT entry FROM ${table} WHERE reference = ? LIMIT 1`);
  const byJob = db.prepare<[string], Row>(`SELECT entry FROM ${table} WHERE provider_job_id = ? LIMIT 1`);
  const put = db.prepare(`INSERT INTO ${table} (order_id, reference, provider_job_id, entry) VALUES (?, ?, ?, ?)
    ON CONFLICT (order_id) DO UPDATE SET reference = excluded.reference, provider_job_id = excluded.provider_job_id, entry = excluded.entry`);
  const remove = db.prepare(`DELETE FROM ${table} WHERE order_id = ?`);
  return {
    get: async (orderId) => entryOf(get.get(orderId)),
    byReference: async (reference) => entryOf(byReference.get(reference)),
    byJobId: async (id) => entryOf(byJob.get(id)),
    put: async (entry) => void put.run(entry.orderId, entry.reference, entry.providerJobId ?? null, JSON.stringify(entry)),
    remove: async (orderId: OrderId) => void remove.run(orderId),
    close: async () => void db.close(),
  };
};

export const openPostgresJobJournal = async (url: string, options: { readonly schema?: string } = {}): Promise<JobJournal & { close(): Promise<void> }> => {
  const schema = checkSchemaName(options.schema ?? 'public');
  const name = `"${schema}".${table}`;
  const { default: pg } = await loadStoreClient('postgres', 'pg', () => import('pg'));
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}";
    CREATE TABLE IF NOT EXISTS ${name} (order_id TEXT PRIMARY KEY, reference TEXT NOT NULL, provider_job_id TEXT, entry TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS ${table}_reference ON ${name} (reference);
    CREATE INDEX IF NOT EXISTS ${table}_job ON ${name} (provider_job_id);`);
  const one = async (sql: string, value: string) => entryOf((await pool.query<Row>(sql, [value])).rows[0]);
  return {
    get: (orderId) => one(`SELECT entry FROM ${name} WHERE order_id = $1`, orderId),
    byReference: (reference) => one(`SELECT entry FROM ${name} WHERE reference = $1 LIMIT 1`, reference),
    byJobId: (id) => one(`SELECT entry FROM ${name} WHERE provider_job_id = $1 LIMIT 1`, id),
    async put(entry) {
      await pool.query(
        `INSERT INTO ${name} (order_id, reference, provider_job_id, entry) VALUES ($1, $2, $3, $4)
         ON CONFLICT (order_id) DO UPDATE SET reference = EXCLUDED.reference, provider_job_id = EXCLUDED.provider_job_id, entry = EXCLUDED.entry`,
        [entry.orderId, entry.reference, entry.providerJobId ?? null, JSON.stringify(entry)],
      );
    },
    async remove(orderId) {
      await pool.query(`DELETE FROM ${name} WHERE order_id = $1`, [orderId]);
    },
    close: () => pool.end(),
  };
};
