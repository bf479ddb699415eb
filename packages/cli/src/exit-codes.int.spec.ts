/*
 * Exit codes as documented: 0 done, 1 the data or the store is the problem, 2 the command line is,
 * 70 only for a defect of ours. Each path prints one line on stderr.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractStreamName } from '@fagsign/domain';
import { openSqliteEventStore } from '@fagsign/adapters';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { processIo, type CommandIo } from './io.js';
import { main } from './main.js';
import { sampleLog, sampleNow } from './testing/sample-log.js';
import { rawSqlite } from './testing/raw-sqlite.js';
import { fagsignVersion } from './version.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let county: string;
let n = 0;

beforeEach(async () => {
  county = join(dir, `county-${++n}.db`);
  const store = await openSqliteEventStore(county);
  for (const event of sampleLog()) await store.appendToStream(contractStreamName(event.data.contractId), [{ event }]);
  await store.close();
});

const fagsign = async (...argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = { ...processIo(), stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, now: () => new Date(sampleNow) };
  const code = await main(argv.map((a) => a.replace('COUNTY', county)), io);
  return { code, stdout, stderr };
};

const expectOneLine = (result: { stderr: string }, line: RegExp) => {
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(line);
  expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
};

describe('exit codes', () => {
  it('--version prints the version of package.json and exits 0', async () => {
    expect(await fagsign('--version')).toEqual({ code: 0, stdout: `fagsign ${fagsignVersion}\n`, stderr: '' });
    expect(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version).toBe(fagsignVersion);
  });

  it('an unknown option is exit 2, named once: "fagsign report: Unknown option", not "report: report:"', async () => {
    const result = await fagsign('report', '--store', 'sqlite:COUNTY', '--fromat', 'json');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("fagsign report: Unknown option '--fromat'. See 'fagsign report --help'.\n");
  });

  it.each(['__proto__', 'constructor', 'toString'])('rebuild --projection %s is exit 2 (no such projection), not a crash', async (name) => {
    const result = await fagsign('rebuild', '--store', 'sqlite:COUNTY', '--projection', name);
    expect(result.code).toBe(2);
    expectOneLine(result, new RegExp(`Unknown projection "${name}"`));
  });

  it.each([
    ['is not JSON', "'{\"events\": 3, \"data'"],
    ['has the wrong shape', `'{"events": 3, "data": {"offices": 7}}'`],
  ])('a saved snapshot that %s is exit 1 naming rebuild; rebuild repairs it', async (_what, state) => {
    expect((await fagsign('rebuild', '--store', 'sqlite:COUNTY')).code).toBe(0);
    const db = rawSqlite(county);
    // the snapshot and the pointer, where the projection runner keeps them (the processor table)
    db.prepare(`UPDATE fagsign_processors SET state = ${state}`).run();
    db.close();
    const report = await fagsign('report', '--store', 'sqlite:COUNTY');
    expect(report.code).toBe(1);
    expectOneLine(report, /saved projection "contracts.*rebuild/);
    expect(await fagsign('rebuild', '--store', 'sqlite:COUNTY')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await fagsign('report', '--store', 'sqlite:COUNTY')).code).toBe(0);
  });

  it('a defect of ours is exit 70 with one line; a store that cannot be opened is exit 1', async () => {
    const io: CommandIo = { ...processIo(), stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, openStore: async () => Promise.reject(new TypeError('x is undefined')) };
    let stderr = '';
    expect(await main(['report', '--store', 'memory:'], io)).toBe(70);
    expectOneLineBug(stderr);
    const missing = await fagsign('report', '--store', `sqlite:${join(dir, 'nowhere', 'x.db')}`);
    expect(missing.code).toBe(2);
    expectOneLine(missing, /No event store file at/);
  });
});

describe('fagsign verify', () => {
  it('says the log is whole and exits 0, changing nothing', async () => {
    const before = readFileSync(county);
    expect(await fagsign('verify', '--store', 'sqlite:COUNTY')).toEqual({ code: 0, stdout: 'The log is whole: 13 events in 3 streams.\n', stderr: '' });
    expect(readFileSync(county).equals(before)).toBe(true);
  });

  it('lists every problem with its position and exits 1: a deleted row and an unreadable payload', async () => {
    const db = rawSqlite(county);
    const streams = db.prepare('SELECT stream_name AS s, count(*) AS n FROM fagsign_events GROUP BY stream_name ORDER BY n DESC').all() as { s: string; n: number }[];
    const [longest, other] = [streams[0]!.s, streams[1]!.s];
    db.prepare('DELETE FROM fagsign_events WHERE stream_name = ? AND stream_version = 2').run(longest);
    db.prepare("UPDATE fagsign_events SET data = 'x' WHERE stream_name = ? AND stream_version = 1").run(other);
    db.close();
    const result = await fagsign('verify', '--store', 'sqlite:COUNTY');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`\\tunreadable\\tevent 1 of ${other} cannot be read`));
    expect(result.stdout).toMatch(new RegExp(`\\tversion-gap\\t${longest} jumps from version 1 to 3`));
    expectOneLine(result, /2 problem\(s\) in 12 events/);
  });
});

const expectOneLineBug = (stderr: string) => {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/unexpected error: TypeError: x is undefined/);
};
