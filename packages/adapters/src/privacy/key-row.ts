import type { StoredDataKey } from './envelope.js';

/** A data key as the SQLite and PostgreSQL key tables hold it (fagsign_data_keys), column by column. */
export interface KeyRow {
  owner: string;
  key_id: string;
  master_key_id: string;
  wrapped: string;
}

/** A key table's row as the key-store port gives it. */
export const keyOf = (row: KeyRow): StoredDataKey => ({ owner: row.owner, keyId: row.key_id, masterKeyId: row.master_key_id, wrapped: row.wrapped });
