// The projections bench's raw row read, shared by its baseline (sqlite-child.mjs, mode raw) and its
// floor (sqlite-floor-child.ts): better-sqlite3 by hand on the store's file, the store's own SELECT of
// all ten columns as raw arrays, pages of <page size> by position, and JSON.parse of each row's data,
// handed to `onRow` with the row's event type. Returns the number of rows read.
import { createRequire } from 'node:module';

export const rawRead = (file, pageSize, onRow) => {
  // better-sqlite3 is the adapters' dependency, not this package's: loaded from there
  const Database = createRequire(import.meta.resolve('@fagsign/adapters'))('better-sqlite3');
  const db = new Database(file, { readonly: true });
  const read = db
    .prepare(
      'SELECT global_position, stream_name, stream_version, event_id, event_type, schema_version, data, correlation_id, causation_id, recorded_at FROM fagsign_events WHERE global_position > ? ORDER BY global_position LIMIT ?',
    )
    .raw();
  let events = 0;
  let after = 0;
  for (;;) {
    const rows = read.all(after, pageSize);
    for (const row of rows) onRow(row[4], JSON.parse(row[6]));
    events += rows.length;
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1][0];
  }
  db.close();
  return events;
};
