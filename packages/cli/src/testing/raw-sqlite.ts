import { createRequire } from 'node:module';

/** The part of better-sqlite3 a test needs to edit a store file by hand. */
export interface RawDatabase {
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
  exec(sql: string): unknown;
  close(): unknown;
}

/**
 * better-sqlite3 as the adapters package has it, for tests that edit a store file by hand (as an
 * attacker or a broken disk would). The CLI itself never loads a database client directly.
 */
export const rawSqlite = (path: string): RawDatabase => {
  const Database = createRequire(new URL('../../../adapters/package.json', import.meta.url))('better-sqlite3') as new (path: string) => RawDatabase;
  return new Database(path);
};
