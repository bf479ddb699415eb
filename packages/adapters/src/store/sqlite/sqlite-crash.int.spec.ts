import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store.js';
import { openSqliteEventStore } from './sqlite-event-store.js';

/*
 * A committed append survives the process being killed, and a batch is never half written. A child
 * appends batches of 1–12 events and acknowledges each in a side file once its append returned; we
 * kill it with SIGKILL at a random moment, reopen the file and check both claims. 20 kills with the
 * default durability (synchronous=NORMAL), 4 with 'full'.
 */

const here = dirname(fileURLToPath(import.meta.url));
const writer = join(here, 'crash', 'crash-writer.ts');
const packageRoot = join(here, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'fagsign-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Killed {
  readonly sawReady: boolean;
  readonly stderr: string;
}

/** Starts the writer, kills it `afterMs` after it reports ready (or on its way there). */
const runAndKill = (database: string, acks: string, run: number, durability: string, afterMs: number): Promise<Killed> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, database, acks, String(run), durability], {
      cwd: packageRoot,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(here, 'crash', 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let sawReady = false;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!sawReady && chunk.toString().includes('ready')) {
        sawReady = true;
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') reject(new Error(`the writer ended on its own (${signal ?? _code}): ${stderr}`));
      else resolve({ sawReady, stderr });
    });
  });

/** Acknowledged batches: `<tag> <size>` per complete line (a line cut by the kill claims nothing). */
const acknowledged = (path: string): Map<string, number> => {
  if (!existsSync(path)) return new Map();
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.pop(); // empty, or cut short by the kill
  return new Map(lines.map((line) => [line.split(' ')[0]!, Number(line.split(' ')[1])]));
};

/** Stored batches by tag, from the archive references `<tag> <i>/<size> …`. */
const storedBatches = (events: readonly RecordedEvent[]) => {
  const batches = new Map<string, { size: number; parts: { i: number; stream: string; version: number }[] }>();
  for (const e of events) {
    if (e.event.type !== 'SignedDocumentArchived') continue;
    const [tag, part] = e.event.data.archiveReference.split(' ') as [string, string];
    const [i, size] = part.split('/').map(Number) as [number, number];
    const batch = batches.get(tag) ?? { size, parts: [] };
    batch.parts.push({ i, stream: e.streamName, version: e.streamVersion });
    batches.set(tag, batch);
  }
  return batches;
};

describe('SQLite store killed with SIGKILL while appending', () => {
  it('keeps every acknowledged batch, and never a half-written one, across 24 kills', async () => {
    const database = join(dir, 'crash.db');
    const acks = join(dir, 'acks.txt');
    let checkpoint: string | undefined;
    let readyRuns = 0;
    for (let run = 0; run < 24; run++) {
      const durability = run % 6 === 5 ? 'full' : 'normal';
      const killed = await runAndKill(database, acks, run, durability, Math.floor(Math.random() * 250));
      if (killed.sawReady) readyRuns++;
      expect(killed.stderr).toBe('');

      const db = new Database(database, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      const store = await openSqliteEventStore(database);
      const fresh: RecordedEvent[] = [];
      for await (const e of store.readAll({ after: checkpoint })) fresh.push(e);
      checkpoint = fresh.at(-1)?.checkpoint ?? checkpoint;
      await store.close();

      const batches = storedBatches(fresh);
      for (const [tag, batch] of batches) {
        // whole: every part, in order, on consecutive versions of one stream
        expect(batch.parts.map((p) => p.i), `batch ${tag}`).toEqual(Array.from({ length: batch.size }, (_, i) => i));
        expect(new Set(batch.parts.map((p) => p.stream)).size).toBe(1);
        expect(batch.parts.map((p) => p.version - batch.parts[0]!.version)).toEqual(batch.parts.map((_, i) => i));
      }
      for (const [tag, size] of acknowledged(acks)) {
        if (!tag.startsWith(`${run}-`)) continue;
        expect(batches.get(tag)?.parts.length, `acknowledged batch ${tag}`).toBe(size);
      }
    }
    expect(readyRuns).toBeGreaterThanOrEqual(20);
    expect(acknowledged(acks).size).toBeGreaterThan(100);
  });
});
