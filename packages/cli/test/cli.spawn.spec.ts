import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractStreamName } from '@fagsign/domain';
import { openSqliteEventStore } from '@fagsign/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleLog } from '../src/testing/sample-log.js';

/*
 * The `fagsign` command as a user meets it: a separate process (run from the sources with tsx),
 * an SQLite file, exit codes, and what lands on stdout and stderr.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
const entry = join(here, 'fagsign-from-source.ts');

const fagsign = (...args: string[]) => {
  const result = spawnSync(tsx, ['--tsconfig', join(here, 'tsconfig.json'), entry, ...args], { encoding: 'utf8', env: { ...process.env, FAGSIGN_DEBUG: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fagsign-cli-'));
  db = join(dir, 'fagsign.db');
  const store = await openSqliteEventStore(db);
  for (const event of sampleLog()) await store.appendToStream(contractStreamName(event.data.contractId), [{ event }]);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the fagsign command, spawned', () => {
  it('reports from an SQLite file as JSON', () => {
    const { code, stdout, stderr } = fagsign('report', '--store', `sqlite:${db}`, '--format', 'json', '--county', 'telemark');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.scope).toEqual({ county: 'Telemark', office: null });
    expect(report.totals.contracts).toMatchObject({ registered: 2, signedElectronically: 1, needsNewOrder: 1 });
  });

  it('rebuilds quietly when not on a terminal', () => {
    expect(fagsign('rebuild', '--store', `sqlite:${db}`)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it.each([
    ['an unknown store URL', ['report', '--store', 'mysql://user:secret@db/fagsign'], /Unknown event store URL/],
    ['a missing SQLite file', ['report', '--store', 'sqlite:/no/such/fagsign.db'], /No event store file at \/no\/such\/fagsign.db/],
    ['an unknown office', ['report', '--store', 'SQLITE', '--office', '999999999'], /Unknown office "999999999"/],
    ['an unknown county', ['report', '--store', 'SQLITE', '--county', 'Narnia'], /Unknown county "Narnia"/],
    ['a bad flag', ['report', '--store', 'SQLITE', '--formt', 'csv'], /Unknown option '--formt'/],
    ['an unknown contract', ['status', 'LK-404', '--store', 'SQLITE'], /No contract LK-404 in this store/],
  ])('gives one clear line and a non-zero exit for %s, never a stack trace', (_what, args, message) => {
    const { code, stdout, stderr } = fagsign(...args.map((a) => (a === 'SQLITE' ? `sqlite:${db}` : a)));
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\bat .*\(|node:internal|\.ts:\d+/);
    expect(stderr).not.toContain('secret');
  });
});
