import { contractStreamName } from '@fagsign/domain';
import { getInMemoryEventStore } from '@fagsign/adapters';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from './io.js';
import { main } from './main.js';
import type { CliStore } from './store.js';
import { sampleLog, sampleNow } from './testing/sample-log.js';

const storeWith = async (events = sampleLog()) => {
  const store = getInMemoryEventStore();
  for (const event of events) await store.appendToStream(contractStreamName(event.data.contractId), [{ event }]);
  // the CLI closes the store after each command; the test keeps using it
  return Object.assign(store, { close: async () => undefined }) as CliStore;
};

const run = async (argv: string[], options: { store?: CliStore; tty?: boolean; openStore?: CommandIo['openStore'] } = {}) => {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const store = options.store ?? (await storeWith());
  const io: CommandIo = {
    openStore: options.openStore ?? (async () => store),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty === true },
    now: () => new Date(sampleNow),
    writeFile: async (path, content) => void files.set(path, content),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, files, store };
};

const oneLine = (stderr: string) => {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('fagsign report', () => {
  it('prints the statistics as JSON in the documented shape', async () => {
    const { code, stdout, stderr } = await run(['report', '--store', 'memory:', '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.counties.map((c: { county: string }) => c.county)).toEqual(['Telemark', 'Østfold']);
    const bilfag = report.counties[0].offices[0];
    expect(bilfag).toMatchObject({ office: 'OK Bilfag', contracts: { registered: 2, signedElectronically: 1, needsNewOrder: 1 }, failures: { 'wrong-mobile': 1 } });
    expect(report.totals.contracts).toMatchObject({ registered: 3, awaitingReview: 1 });
  });

  it('scopes to an office by name and to a county, in English on request', async () => {
    const { code, stdout } = await run(['report', '--store', 'memory:', '--office', 'okos', '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout).toContain('OKOS');
    expect(stdout).not.toContain('OK Bilfag');
    expect(stdout).toContain('Awaiting review');
  });

  it('writes CSV for Excel to --out, and the status report with the clerk’s next step', async () => {
    const { code, files } = await run(['report', '--store', 'memory:', '--report', 'status', '--format', 'csv', '--out', 'status.csv']);
    expect(code).toBe(0);
    const csv = files.get('status.csv')!;
    expect(csv.startsWith('\uFEFFStatus;Fylke;Kontor;Kontrakt')).toBe(true);
    expect(csv).toContain('Trenger nytt oppdrag;Telemark;OK Bilfag;LK-2');
    expect(csv).toContain('Rett lærlingens mobilnummer i Vigo, og opprett et nytt oppdrag.');
  });

  it('writes one HTML file with every report', async () => {
    const { code, stdout } = await run(['report', '--store', 'memory:', '--report', 'all', '--format', 'html']);
    expect(code).toBe(0);
    expect(stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(stdout).toContain('Trenger oppfølging i dag');
    expect(stdout.match(/<svg /g)).toHaveLength(2);
  });

  it.each([
    [['report', '--store', 'memory:', '--office', 'OK Elektro'], 2, /Unknown office "OK Elektro"/],
    [['report', '--store', 'memory:', '--county', 'Sverige'], 2, /Unknown county "Sverige"/],
    [['report', '--store', 'memory:', '--fromat', 'json'], 2, /Unknown option '--fromat'/],
    [['report', '--store', 'memory:', '--format', 'xml'], 2, /--format must be one of table, csv, json, html/],
    [['report', '--store', 'memory:', '--format', 'csv', '--report', 'all'], 2, /A CSV file holds one report/],
    [['report', '--store', 'memory:', '--now', 'yesterday'], 2, /--now must be an ISO-8601/],
    [['report'], 2, /--store is required/],
    [['reprot'], 2, /unknown command "reprot"/],
  ])('%j is one clear line and exit %i', async (argv, exitCode, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });

  it('reports a store that cannot be opened in one line, and a bug in one line without its stack', async () => {
    const unknown = Object.assign(new Error('Unknown event store URL (foo): not a known scheme'), { code: 'unknown-store-url' });
    const failed = await run(['report', '--store', 'foo://x'], { openStore: async () => Promise.reject(unknown) });
    expect(failed.code).toBe(2);
    oneLine(failed.stderr);
    expect(failed.stderr).toBe('fagsign report: Unknown event store URL (foo): not a known scheme\n');
    const down = Object.assign(new Error('The sqlite event store is unavailable (read): disk I/O error'), { code: 'store-unavailable' });
    const unavailable = await run(['report', '--store', 'memory:'], { openStore: async () => Promise.reject(down) });
    expect([unavailable.code, unavailable.stderr]).toEqual([1, 'fagsign report: The sqlite event store is unavailable (read): disk I/O error\n']);
    const bug = await run(['report', '--store', 'memory:'], { openStore: async () => Promise.reject(new TypeError('x is undefined\n    at somewhere')) });
    expect(bug.code).toBe(70);
    oneLine(bug.stderr);
    expect(bug.stderr).toContain('unexpected error: TypeError: x is undefined');
  });
});

describe('fagsign status', () => {
  it('shows one contract’s status first, then what went wrong and the next step', async () => {
    const { code, stdout } = await run(['status', 'LK-2', '--store', 'memory:']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Status\s+Trenger nytt oppdrag$/);
    expect(stdout).toMatch(/Kontor\s+OK Bilfag \(975123456\), Telemark/);
    expect(stdout).toMatch(/Siste feil\s+Feil mobilnummer/);
    expect(lines.at(-1)).toMatch(/^Neste steg\s+Rett lærlingens mobilnummer i Vigo, og opprett et nytt oppdrag\.$/);
    expect(stdout).not.toMatch(/Ola|Nordmann|91234567|98765432/);
  });

  it('gives JSON on request, and one line for an unknown or malformed contract id', async () => {
    const json = await run(['status', 'LK-1', '--store', 'memory:', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'signed-electronically', county: 'Telemark', office: 'OK Bilfag', followUp: { archive: 'pending' } });
    const unknown = await run(['status', 'LK-99', '--store', 'memory:']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('fagsign status: No contract LK-99 in this store.\n');
    const malformed = await run(['status', 'bad id!', '--store', 'memory:']);
    expect(malformed.code).toBe(2);
    oneLine(malformed.stderr);
  });
});

describe('fagsign rebuild', () => {
  it('is quiet when stderr is not a terminal, and saves the projection with its checkpoint', async () => {
    const { code, stdout, stderr, store } = await run(['rebuild', '--store', 'memory:']);
    expect([code, stdout, stderr]).toEqual([0, '', '']);
    const saved = await store.loadProjection('contracts@1');
    expect(saved).toMatchObject({ version: 1, state: { events: sampleLog().length } });
    expect(saved!.checkpoint).toBeDefined();
  });

  it('draws a progress bar on a terminal', async () => {
    const { code, stderr } = await run(['rebuild', '--store', 'memory:', '--projection', 'contracts'], { tty: true });
    expect(code).toBe(0);
    expect(stderr).toContain(`contracts: ${sampleLog().length} events`);
    expect(stderr).toContain('events/s');
  });

  it('refuses a projection it does not keep', async () => {
    const { code, stderr } = await run(['rebuild', '--store', 'memory:', '--projection', 'statistik']);
    expect(code).toBe(2);
    expect(stderr).toBe('fagsign rebuild: Unknown projection "statistik": fagsign keeps contracts.\n');
  });
});

describe('fagsign status, second line of defence', () => {
  it('prints stored text with escape codes as harmless characters, never raw', async () => {
    const [registered] = sampleLog();
    const data = registered!.data as NonNullable<typeof registered>['data'] & { office: { name: string } };
    const hostile = { ...registered!, data: { ...data, office: { ...data.office, name: 'OK \u001B[2J\u001B[31mBilfag\u202E' } } };
    const store = { readStream: async () => ({ currentVersion: 1, events: [{ event: hostile }] }), close: async () => undefined } as unknown as CliStore;
    const { code, stdout, stderr } = await run(['status', registered!.data.contractId, '--store', 'memory:'], { store });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('OK \uFFFD[2J\uFFFD[31mBilfag\uFFFD');
    expect(stdout).not.toMatch(/[\u001B\u202E]/);
  });
});
