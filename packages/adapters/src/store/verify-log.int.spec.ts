import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { contractStreamName } from '@fagsign/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleContractId, signedContractHistory } from './contract/sample-history.js';
import { openSqliteEventStore } from './sqlite/sqlite-event-store.js';
import { verifyLog } from './verify-log.js';
import { checkpointStoreOf } from '../processing/checkpoint-stores.js';

/*
 * A county's log in an SQLite file, edited raw as an attacker or a broken disk would; verifyLog
 * must find each change and say where it is.
 */
const dir = mkdtempSync(join(tmpdir(), 'fagsign-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const one = sampleContractId(1);
const two = sampleContractId(2);
let n = 0;

const countyLog = async (edit?: (db: Database.Database) => void) => {
  const path = join(dir, `county-${++n}.db`);
  const store = await openSqliteEventStore(path);
  for (const id of [one, two]) await store.appendToStream(contractStreamName(id), signedContractHistory(id, id === one ? 1 : 2).map((event) => ({ event })));
  await store.close();
  if (edit !== undefined) {
    const db = new Database(path);
    edit(db);
    db.close();
  }
  const reader = await openSqliteEventStore(path, { readOnly: true });
  try {
    return await verifyLog(reader, ['contracts', 'contracts@1'], undefined, checkpointStoreOf(reader));
  } finally {
    await reader.close();
  }
};

const streamOne = contractStreamName(one);
const streamTwo = contractStreamName(two);

describe('verifyLog', () => {
  it('finds nothing wrong with a log as fagsign wrote it', async () => {
    expect(await countyLog()).toEqual({ events: 20, streams: 2, problems: [] });
  });

  it('finds a deleted row as a gap in its stream, at the next event', async () => {
    const { problems } = await countyLog((db) => db.prepare('DELETE FROM fagsign_events WHERE stream_name = ? AND stream_version = 4').run(streamOne));
    expect(problems).toEqual([expect.objectContaining({ kind: 'version-gap', position: '5', streamName: streamOne, streamVersion: 5 })]);
  });

  it('finds a version gap', async () => {
    const { problems } = await countyLog((db) => db.prepare('UPDATE fagsign_events SET stream_version = stream_version + 3 WHERE stream_name = ? AND stream_version >= 9').run(streamTwo));
    expect(problems).toEqual([expect.objectContaining({ kind: 'version-gap', streamName: streamTwo, streamVersion: 12, message: expect.stringMatching(/jumps from version 8 to 12: 3 event\(s\) missing/) })]);
  });

  it('finds an event moved to another stream: a gap where it was, a stranger where it went', async () => {
    const { problems } = await countyLog((db) => db.prepare('UPDATE fagsign_events SET stream_name = ?, stream_version = 11 WHERE stream_name = ? AND stream_version = 10').run(streamTwo, streamOne));
    expect(problems).toEqual([expect.objectContaining({ kind: 'contract-id-mismatch', position: '10', streamName: streamTwo, streamVersion: 11 })]);
    const { problems: middle } = await countyLog((db) => db.prepare('UPDATE fagsign_events SET stream_name = ?, stream_version = 11 WHERE stream_name = ? AND stream_version = 3').run(streamTwo, streamOne));
    expect(middle.map((p) => [p.kind, p.position, p.streamName, p.streamVersion])).toEqual([
      ['contract-id-mismatch', '3', streamTwo, 11],
      ['version-gap', '4', streamOne, 4],
    ]);
  });

  it('finds a changed contract id', async () => {
    const { problems } = await countyLog((db) =>
      db.prepare("UPDATE fagsign_events SET data = replace(data, ?, ?) WHERE stream_name = ? AND stream_version = 6").run(`"${one}"`, `"${two}"`, streamOne),
    );
    expect(problems).toEqual([expect.objectContaining({ kind: 'contract-id-mismatch', position: '6', streamName: streamOne, streamVersion: 6, message: expect.stringContaining(`about contract ${two}`) })]);
  });

  it('finds every undecodable payload and goes on reading past them', async () => {
    const { events, problems } = await countyLog((db) => {
      db.prepare("UPDATE fagsign_events SET data = '{\"contractId\": 5}' WHERE stream_name = ? AND stream_version = 2").run(streamOne);
      db.prepare("UPDATE fagsign_events SET data = 'not json' WHERE stream_name = ? AND stream_version = 7").run(streamTwo);
    });
    expect(events).toBe(20);
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'unreadable', position: '2', streamName: streamOne, streamVersion: 2, message: expect.stringMatching(/contractId/) }),
      expect.objectContaining({ kind: 'unreadable', position: '17', streamName: streamTwo, streamVersion: 7, message: expect.stringMatching(/not JSON|not valid JSON/) }),
    ]);
  });

  it('finds a saved projection ahead of the log (its last events deleted)', async () => {
    const { problems } = await countyLog((db) => {
      db.prepare("INSERT INTO fagsign_projections VALUES ('contracts', 1, '20', '{}', '2026-01-01')").run();
      db.prepare('DELETE FROM fagsign_events WHERE global_position > 18').run();
    });
    expect(problems).toEqual([expect.objectContaining({ kind: 'projection-ahead', position: 'contracts' })]);
  });

  it('finds a projection snapshot in the processor table ahead of the log, where the projection runner keeps it', async () => {
    const { problems } = await countyLog((db) => {
      db.prepare("INSERT INTO fagsign_processors (name, checkpoint, state, saved_at) VALUES ('contracts@1', '20', '{}', '2026-01-01')").run();
      db.prepare('DELETE FROM fagsign_events WHERE global_position > 18').run();
    });
    expect(problems).toEqual([expect.objectContaining({ kind: 'projection-ahead', position: 'contracts@1' })]);
  });
});
