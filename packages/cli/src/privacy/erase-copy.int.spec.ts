import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractStreamName, encodeEvent, type ContractEvent, type ContractId, type Instant } from '@fagsign/domain';
import { openEventStore, openProtectedEventStore, osloDay, parseMasterKeys, type EventStore } from '@fagsign/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { processIo, type CommandIo } from '../io.js';
import { rawSqlite } from '../testing/raw-sqlite.js';

const quietIo = (out: string[]): CommandIo => ({ ...processIo(), stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } });
const keys = `county:${randomBytes(32).toString('base64')}`;
const contract = 'TM-GR-001' as ContractId;

const log = async (store: EventStore<ContractEvent>) => {
  const all: string[] = [];
  for await (const e of store.readAll()) all.push(`${e.streamName}#${e.streamVersion}:${e.metadata.eventId}:${JSON.stringify(encodeEvent(e.event))}`);
  return all;
};

const registration = async (store: EventStore<ContractEvent>) => {
  const [first] = (await store.readStream(contractStreamName(contract))).events;
  if (first?.event.type !== 'ContractRegistered') throw new Error('expected a registration');
  return first.event.data;
};

afterEach(() => {
  delete process.env.FAGSIGN_MASTER_KEYS;
});

/** The demo's log in a plain SQLite file, copied encrypted (`fagsign copy` with the master keys set) beside it. */
const encryptedDemoCopy = async (out: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'fagsign-privacy-cli-'));
  const from = `sqlite:${join(dir, 'plain.db')}`;
  const toPath = join(dir, 'sealed.db');
  const to = `sqlite:${toPath}`;
  expect(await main(['demo', '--store', from, '--html', join(dir, 'r.html')], quietIo(out))).toBe(0);
  process.env.FAGSIGN_MASTER_KEYS = keys;
  expect(await main(['copy', '--from', from, '--to', to], quietIo(out))).toBe(0);
  return { dir, from, to, toPath };
};

describe('fagsign copy and erase with master keys', () => {
  it('copy encrypts a plain log as it copies, keeping ids and order; erase then hides one contract and no count changes', async () => {
    const out: string[] = [];
    const { from, to, toPath } = await encryptedDemoCopy(out);
    const source = await openEventStore(from);
    const plainRegistration = await registration(source);
    const sourceLog = await log(source);
    await source.close();

    const master = parseMasterKeys(keys);
    const target = await openProtectedEventStore(to, { master });
    expect(await log(target)).toEqual(sourceLog);
    await target.close();
    const bytes = readFileSync(toPath).toString('utf8') + readFileSync(`${toPath}-wal`, { flag: 'a+' }).toString('utf8');
    const apprentice = plainRegistration.parties[0]!;
    expect(bytes).not.toContain(apprentice.name);
    expect(bytes).not.toContain(apprentice.mobile!.reveal());

    out.length = 0;
    expect(await main(['report', '--store', to, '--format', 'json'], quietIo(out))).toBe(0);
    const before = out.join('');

    out.length = 0;
    expect(await main(['erase', '--store', to, '--contract', contract, '--by', 'personvernombud', '--reason', 'sletteanmodning 2026/31'], quietIo(out))).toBe(0);
    expect(out.join('')).toBe(`${contract}: personal data erased\n`);

    out.length = 0;
    expect(await main(['report', '--store', to, '--format', 'json'], quietIo(out))).toBe(0);
    expect(out.join('')).toBe(before);

    out.length = 0;
    expect(await main(['retention', '--store', to, '--signed', '0', '--withdrawn', '0', '--unsigned', '0'], quietIo(out))).toBe(0);
    expect(out.join('')).toMatch(new RegExp(`${contract}\\s+signert\\s+\\d{4}-\\d{2}-\\d{2}\\s+slettet`));

    const reopened = await openProtectedEventStore(to, { master });
    const erased = await registration(reopened);
    expect(erased.parties.map((p) => p.name)).toEqual(erased.parties.map(() => '«slettet»'));
    expect(erased.parties[0]!.mobile?.erased).toBe(true);
    await reopened.close();
  }, 60_000);

  it('erase without master keys, or with neither --contract nor --person-from-stdin, is refused in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fagsign-privacy-cli-'));
    const store = `sqlite:${join(dir, 'x.db')}`;
    const out: string[] = [];
    expect(await main(['demo', '--store', store, '--html', join(dir, 'r.html')], quietIo(out))).toBe(0);
    out.length = 0;
    expect(await main(['erase', '--store', store, '--contract', contract, '--by', 'a', '--reason', 'b'], quietIo(out))).toBe(1);
    expect(out.join('')).toMatch(/FAGSIGN_MASTER_KEYS is not set/);
    process.env.FAGSIGN_MASTER_KEYS = keys;
    out.length = 0;
    expect(await main(['erase', '--store', store, '--by', 'a', '--reason', 'b'], quietIo(out))).toBe(2);
    expect(out.join('').trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('rebuild, report and status read an encrypted store through its sealed view: master keys that open no data key do as well', async () => {
    const out: string[] = [];
    const { to } = await encryptedDemoCopy(out);
    const reports = async () => {
      const texts: string[] = [];
      for (const args of [['report', '--store', to, '--report', 'all', '--format', 'json', '--now', '2026-12-01T09:00:00Z'], ['status', contract, '--store', to, '--format', 'json', '--now', '2026-12-01T09:00:00Z']]) {
        out.length = 0;
        expect(await main(args, quietIo(out))).toBe(0);
        texts.push(out.join(''));
      }
      return texts;
    };
    const withKeys = await reports();

    // the same id, other bytes: a decrypting read cannot unwrap a single data key
    process.env.FAGSIGN_MASTER_KEYS = `county:${randomBytes(32).toString('base64')}`;
    out.length = 0;
    expect(await main(['rebuild', '--store', to], quietIo(out))).toBe(0);
    expect(await reports()).toEqual(withKeys);
  }, 60_000);

  it('verify checks the erasure ledger as a known stream, with or without master keys, and finds a fact edited by hand', async () => {
    const out: string[] = [];
    const { from, to, toPath } = await encryptedDemoCopy(out);
    expect(await main(['erase', '--store', to, '--contract', contract, '--by', 'personvernombud', '--reason', 'sletteanmodning 2026/31'], quietIo(out))).toBe(0);
    out.length = 0;
    expect(await main(['verify', '--store', from], quietIo(out))).toBe(0);
    const plain = /The log is whole: (\d+) events in (\d+) streams/.exec(out.join(''))!;

    for (const masterKeys of [keys, undefined]) {
      if (masterKeys === undefined) delete process.env.FAGSIGN_MASTER_KEYS;
      out.length = 0;
      expect(await main(['verify', '--store', to], quietIo(out))).toBe(0);
      // the copy's events and one more stream: the ledger with its one fact
      expect(out.join('')).toBe(`The log is whole: ${Number(plain[1]) + 1} events in ${Number(plain[2]) + 1} streams.\n`);
    }

    const db = rawSqlite(toPath);
    db.prepare(`UPDATE fagsign_events SET data = json_remove(data, '$.by') WHERE stream_name = 'fagsign-privacy-erasures'`).run();
    db.close();
    out.length = 0;
    expect(await main(['verify', '--store', to], quietIo(out))).toBe(1);
    expect(out.join('')).toMatch(/\tunreadable\tevent 1 of fagsign-privacy-erasures cannot be read: by must be text\n/);
    expect(out.join('')).toMatch(/1 problem\(s\)/);
  }, 60_000);

  it("report and status say when each contract's personal data is erased, by the retention policy in fagsign run's configuration", async () => {
    const out: string[] = [];
    const { dir, from, to } = await encryptedDemoCopy(out);
    const config = join(dir, 'fagsign.json');
    writeFileSync(config, JSON.stringify({ store: to, provider: { kind: 'simulated' }, privacy: { retention: { signedAndArchivedMonths: 12, withdrawnMonths: 1, endedUnsignedMonths: 6 } } }));
    expect(await main(['erase', '--store', to, '--contract', contract, '--by', 'personvernombud', '--reason', 'sletteanmodning 2026/31'], quietIo(out))).toBe(0);
    const erasedOn = osloDay(new Date().toISOString() as Instant); // the Oslo day, as the reports show it

    out.length = 0;
    expect(await main(['report', '--store', to, '--report', 'status', '--format', 'json', '--config', config], quietIo(out))).toBe(0);
    const rows = (JSON.parse(out.join('')) as { offices: { rows: { contractId: string; status: string; personalData: unknown }[] }[] }).offices.flatMap((o) => o.rows);
    const schedule = new Map<string, unknown>();
    out.length = 0;
    expect(await main(['retention', '--store', to, '--config', config], quietIo(out))).toBe(0);
    for (const line of out.join('').split('\n').slice(1)) if (line.trim() !== '') schedule.set(line.split(/\s+/)[0]!, line.trim().split(/\s+/).pop());
    expect(rows.find((r) => r.contractId === contract)?.personalData).toEqual({ erasedAt: expect.stringMatching(/^\d{4}-/) });
    // every ended contract has its day, the same day the retention listing gives; open ones none
    for (const row of rows) {
      if (row.contractId === contract) continue;
      const day = schedule.get(row.contractId);
      if (day === undefined) expect(row.personalData).toBeNull();
      else expect(osloDay((row.personalData as { eraseFrom: Instant }).eraseFrom)).toBe(day);
    }
    expect(rows.some((r) => r.personalData !== null && 'eraseFrom' in (r.personalData as object))).toBe(true);

    out.length = 0;
    expect(await main(['report', '--store', to, '--report', 'status', '--format', 'csv'], quietIo(out))).toBe(0);
    expect(out.join('')).toContain('Personopplysninger');
    expect(out.join('')).toContain(`slettet ${erasedOn}`);
    out.length = 0;
    expect(await main(['status', contract, '--store', to, '--config', config], quietIo(out))).toBe(0);
    expect(out.join('')).toMatch(new RegExp(`Personopplysninger\\s+slettet ${erasedOn}`));

    // without the keys the store reads as a plain log: no column, and a note saying why
    delete process.env.FAGSIGN_MASTER_KEYS;
    out.length = 0;
    expect(await main(['report', '--store', from, '--report', 'status', '--format', 'csv', '--config', config], quietIo(out))).toBe(0);
    expect(out.join('')).toContain('--config: the store is read without FAGSIGN_MASTER_KEYS');
    expect(out.join('')).not.toContain('Personopplysninger');

    writeFileSync(config, JSON.stringify({ privacy: { retention: { signedAndArchivedMonths: 300, withdrawnMonths: 1 } } }));
    out.length = 0;
    expect(await main(['report', '--store', to, '--report', 'status', '--config', config], quietIo(out))).toBe(2);
    expect(out.join('')).toMatch(/privacy\.retention\.signedAndArchivedMonths must be a whole number from 0 to 240; privacy\.retention\.endedUnsignedMonths/);
  }, 60_000);
});
