import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { NotAFagsignStore, StoreUnavailable } from '../errors.js';

/*
 * What fagsign may do with a path before SQLite touches it. SQLite itself turns any missing or
 * empty file into a database and creates new files readable by every local user; a county's event
 * log is personal data, and a wrong path must never become a store. So: a missing file is created
 * here with mode 0600 (SQLite gives its -wal and -shm files the same mode), an existing file must
 * start like an SQLite database, and after opening it must hold the fagsign tables.
 */

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether the first bytes of a file are an SQLite database's (or a WAL file's) header. */
export const looksLikeSqlite = (head: Buffer): boolean =>
  head.subarray(0, sqliteHeader.length).equals(sqliteHeader) || isWalHeader(head);

const isWalHeader = (head: Buffer): boolean => head.length >= 4 && (head.readUInt32BE(0) === 0x377f0682 || head.readUInt32BE(0) === 0x377f0683);

export const readHead = (path: string, bytes: number): Buffer => {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
};

/** 'new' when the file was created here (empty, 0600), 'existing' when it starts like an SQLite database. */
export const prepareSqliteFile = (path: string, readOnly: boolean): 'new' | 'existing' => {
  if (path === ':memory:') return 'new';
  let size: number | undefined;
  try {
    size = statSync(path).size;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw new StoreUnavailable('sqlite', 'open', error);
  }
  try {
    if (size === undefined) {
      if (readOnly) throw new StoreUnavailable('sqlite', 'open read-only: the file does not exist');
      closeSync(openSync(path, 'wx', 0o600));
      return 'new';
    }
    if (size === 0) throw new NotAFagsignStore('sqlite', path, 'the file is empty');
    if (!readHead(path, sqliteHeader.length).equals(sqliteHeader)) throw new NotAFagsignStore('sqlite', path, 'the file is not an SQLite database');
    return 'existing';
  } catch (error) {
    if (error instanceof NotAFagsignStore || error instanceof StoreUnavailable) throw error;
    throw new StoreUnavailable('sqlite', 'open', error);
  }
};
