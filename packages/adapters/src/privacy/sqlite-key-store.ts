import type { KeyStore } from './key-store.js';
import { keyOf, type KeyRow } from './key-row.js';

/*
 * The key store as two tables in the event store's SQLite file, on a connection of its own.
 * `secure_delete` makes SQLite overwrite a deleted key's bytes in the page, and every deletion
 * ends with a WAL checkpoint (TRUNCATE), so the erased key survives neither in a free page nor in
 * the write-ahead log. A backup of the file taken before the erasure still holds the key: the
 * erasure ledger in the log takes it out again on open (see erasure-ledger.ts).
 */

const schema = `
CREATE TABLE IF NOT EXISTS fagsign_data_keys (
  owner TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  master_key_id TEXT NOT NULL,
  wrapped TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS fagsign_person_index (
  person_hash TEXT NOT NULL,
  contract_id TEXT NOT NULL,
  PRIMARY KEY (person_hash, contract_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fagsign_person_index_contract ON fagsign_person_index (contract_id);
`;


/** `readOnly`: for commands that only read; a file without key tables (a plain log) reads as holding no key. */
export const openSqliteKeyStore = async (path: string, readOnly = false): Promise<KeyStore> => {
  const { default: Database } = await import('better-sqlite3');
  const db = readOnly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path);
  db.pragma('busy_timeout = 5000');
  if (readOnly) {
    const hasKeys = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fagsign_data_keys'").get() !== undefined;
    if (!hasKeys) {
      db.close();
      const { memoryKeyStore } = await import('./key-store.js');
      return memoryKeyStore();
    }
  } else {
    db.pragma('journal_mode = WAL');
    db.pragma('secure_delete = ON');
    db.exec(schema);
  }
  const get = db.prepare<[string], KeyRow>('SELECT owner, key_id, master_key_id, wrapped FROM fagsign_data_keys WHERE owner = ?');
  const insert = db.prepare('INSERT INTO fagsign_data_keys (owner, key_id, master_key_id, wrapped) VALUES (?, ?, ?, ?) ON CONFLICT (owner) DO NOTHING');
  const remove = db.prepare('DELETE FROM fagsign_data_keys WHERE owner = ?');
  const removeIndex = db.prepare('DELETE FROM fagsign_person_index WHERE contract_id = ?');
  const all = db.prepare<[], KeyRow>('SELECT owner, key_id, master_key_id, wrapped FROM fagsign_data_keys ORDER BY owner');
  const rewrap = db.prepare('UPDATE fagsign_data_keys SET master_key_id = ?, wrapped = ? WHERE owner = ? AND key_id = ?');
  const index = db.prepare('INSERT INTO fagsign_person_index (person_hash, contract_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const contracts = db.prepare<[string], { contract_id: string }>('SELECT contract_id FROM fagsign_person_index WHERE person_hash = ? ORDER BY contract_id');
  const deleteBoth = db.transaction((owner: string) => {
    removeIndex.run(owner);
    return remove.run(owner).changes > 0;
  });
  return {
    get: async (owner) => {
      const row = get.get(owner);
      return row === undefined ? undefined : keyOf(row);
    },
    async create(key) {
      insert.run(key.owner, key.keyId, key.masterKeyId, key.wrapped);
      return keyOf(get.get(key.owner)!);
    },
    async delete(owner) {
      const deleted = deleteBoth(owner);
      // the deleted page images may still sit in the WAL: fold it back and truncate it
      db.pragma('wal_checkpoint(TRUNCATE)');
      return deleted;
    },
    list: async () => all.all().map(keyOf),
    async rewrap(key) {
      rewrap.run(key.masterKeyId, key.wrapped, key.owner, key.keyId);
    },
    async indexPerson(hash, contractId) {
      index.run(hash, contractId);
    },
    contractsOfPerson: async (hash) => contracts.all(hash).map((r) => r.contract_id),
    async close() {
      if (db.open) db.close();
    },
  };
};
