/*
 * What a user (or an attacker) may type against a store holding a county's events: after each
 * command, every event is still there, the file is byte for byte what it was, and the command
 * printed one line with the documented exit code.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { contractStreamName } from '@fagsign/domain';
import { openSqliteEventStore } from '@fagsign/adapters';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { processIo, type CommandIo } from './io.js';
import { main } from './main.js';
import { sampleLog, sampleNow } from './testing/sample-log.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-attacks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let county: string;
let n = 0;

beforeEach(async () => {
  county = join(dir, `county-${++n}.db`);
  const store = await openSqliteEventStore(county);
  for (const event of sampleLog()) await store.appendToStream(contractStreamName(event.data.contractId), [{ event }]);
  await store.close();
});

export const fagsign = async (...argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = { ...processIo(), stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, now: () => new Date(sampleNow) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
};

/** Every event in the file, with its position and metadata, read without writing. */
const eventsOf = async (path: string) => {
  const store = await openSqliteEventStore(path, { readOnly: true });
  const events = [];
  for await (const recorded of store.readAll()) events.push(recorded);
  await store.close();
  return events;
};

/** The file's bytes and its WAL's (where SQLite writes first), to prove nothing was written. */
const bytesOf = (path: string) => Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);

/** Another program's SQLite database (one table, `customers`), as better-sqlite3 wrote it, deflated. */
const otherDatabase = inflateSync(
  Buffer.from('eNrt1zEKwkAQheHZVexk7SyzpTY2XiBR0qWJbmEbZQXBGEgieBGvkwN4pTQiagobsZX/g4F5w1TTzTpNDrW3+6LMs9rOZSRKSWitiOhXvSkR6X/kb7TMrrfhY9k0YhoBAAAAAAA/C9VgHAQqrbPt0e/OVV3kvqy6Ri9XceRi66JFEttubCenLPfWxRs3ff7mrZiWawIAAAAA8Id6SpvLHVqBISs=', 'base64'),
);

/** Runs the attack and checks the county's file did not change by a byte, and the answer is one line. */
const attack = async (argv: string[], code: number, line: RegExp) => {
  const before = { bytes: bytesOf(county), events: await eventsOf(county) };
  const result = await fagsign(...argv.map((a) => a.replace('COUNTY', county).replace('DIR', dir)));
  expect(bytesOf(county).equals(before.bytes)).toBe(true);
  expect(await eventsOf(county)).toEqual(before.events);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(line);
  expect(result.code).toBe(code);
  return result;
};

describe('no command destroys a store it did not create', () => {
  it('demo refuses a county’s store file, by its content, whatever its name', async () => {
    await attack(['demo', '--store', 'sqlite:COUNTY'], 1, /holds an event log the demo did not write/);
  });

  it('demo and report refuse to write their HTML or report over the store', async () => {
    await attack(['demo', '--store', `sqlite:${join(dir, 'new-demo.db')}`, '--html', 'COUNTY'], 2, /is a database file/);
    await attack(['report', '--store', 'sqlite:COUNTY', '--out', 'COUNTY', '--force'], 2, /is the event store itself/);
    await attack(['report', '--store', 'sqlite:COUNTY', '--out', 'COUNTY-wal', '--force'], 2, /is the event store itself/);
    const other = join(dir, 'other-store.db');
    writeFileSync(other, readFileSync(county));
    await attack(['report', '--store', 'sqlite:COUNTY', '--out', other, '--force'], 2, /is a database file/);
  });

  it('report replaces an existing file only with --force, and says where it wrote', async () => {
    const out = join(dir, `notes-${n}.txt`);
    writeFileSync(out, 'my notes');
    await attack(['report', '--store', 'sqlite:COUNTY', '--out', out], 2, /exists already: add --force/);
    expect(readFileSync(out, 'utf8')).toBe('my notes');
    const forced = await fagsign('report', '--store', `sqlite:${county}`, '--out', out, '--force');
    expect(forced).toMatchObject({ code: 0, stderr: '', stdout: `Rapporten er skrevet til ${out}\n` });
    expect(readFileSync(out, 'utf8')).toContain('OK Bilfag');
  });

  it('report into a missing folder is a command-line mistake: exit 2, one line', async () => {
    await attack(['report', '--store', 'sqlite:COUNTY', '--out', 'DIR/no/such/folder/r.html'], 2, /Cannot write .*: the folder .*no\/such\/folder does not exist/);
  });

  it.each([
    ['a 0-byte file', (path: string) => writeFileSync(path, '')],
    ['another SQLite database', (path: string) => writeFileSync(path, otherDatabase)],
    ['a text file', (path: string) => writeFileSync(path, 'hello')],
  ])('every command refuses %s with one line and exit 1, and leaves it as it was', async (_what, make) => {
    const path = join(dir, `not-a-store-${n}.db`);
    make(path);
    const before = readFileSync(path);
    for (const argv of [['report', '--store', `sqlite:${path}`], ['status', 'LK-1', '--store', `sqlite:${path}`], ['rebuild', '--store', `sqlite:${path}`], ['demo', '--store', `sqlite:${path}`, '--html', join(dir, `x-${n}.html`)]]) {
      const result = await fagsign(...argv);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/is not a fagsign event store/);
      expect(result.code).toBe(1);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('report and status work on a read-only file and change nothing in it', async () => {
    chmodSync(county, 0o400);
    const before = bytesOf(county);
    expect((await fagsign('report', '--store', `sqlite:${county}`, '--format', 'json')).code).toBe(0);
    expect((await fagsign('status', 'LK-1', '--store', `sqlite:${county}`)).code).toBe(0);
    expect(bytesOf(county).equals(before)).toBe(true);
    const store = await openSqliteEventStore(county, { readOnly: true });
    expect(await store.loadProjection('contracts')).toBeUndefined();
    await store.close();
  });
});

describe('the demo writes only what it marked as its own', () => {
  it('creates its store 0600, replaces its own store and HTML on a second run, and nothing else', async () => {
    const store = join(dir, 'demo.db');
    const html = join(dir, 'demo.html');
    expect((await fagsign('demo', '--store', `sqlite:${store}`, '--html', html)).code).toBe(0);
    expect(statSync(store).mode & 0o777).toBe(0o600);
    const again = await fagsign('demo', '--store', `sqlite:${store}`, '--html', html);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    // the same demo twice: a fresh log, not the first run's events and the second's
    const events = await eventsOf(store);
    expect(events[0]!.checkpoint).toBe('1');
    expect(new Set(events.map((e) => e.streamName + e.streamVersion)).size).toBe(events.length);
    writeFileSync(html, '<html>a report a clerk edited</html>');
    const refused = await fagsign('demo', '--store', `sqlite:${store}`, '--html', html);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists already/);
    expect(readFileSync(html, 'utf8')).toBe('<html>a report a clerk edited</html>');
  }, 180_000);
});
