import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handle, isProtectedStore, readErasureLedger } from '@fagsign/adapters';
import { contractStreamName, osloZone, type ContractId, type RegisterContract } from '@fagsign/domain';
import { sampleRegistration } from '@fagsign/domain/testing';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import { spellingsOf } from '../testing/personal-spellings.js';
import { startService } from './service.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-service-privacy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const token = 'county-token-for-the-privacy-test';

/** The staff status page's row of a contract, as text without tags. */
const statusRowText = async (port: number, id: string): Promise<string> => {
  const page = await (await fetch(`http://127.0.0.1:${port}/status`, { headers: { authorization: `Bearer ${token}` } })).text();
  const row = page.split('<tr').find((r) => r.includes(`>${id}</a>`));
  return (row ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
};

const until = async (test: () => Promise<boolean>, what: string) => {
  const deadline = Date.now() + 20_000;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** The SQLite file and its write-ahead log as bytes, read both as Latin-1 and UTF-8 (a name with æøå is found either way). */
const fileText = (path: string): string =>
  [path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1') + readFileSync(p).toString('utf8')).join('\n');

describe('fagsign run with the county\'s master keys', () => {
  it('writes no personal value in clear in the SQLite file, and erases a contract on the day its retention runs out', async () => {
    const path = join(dir, 'county.db');
    const config = checkConfig(
      {
        store: `sqlite:${path}`,
        provider: { kind: 'simulated', seed: 5, profile: { rejectChance: 0, needsReminderChance: 0, noResponseChance: 0 } },
        runner: { intervalSeconds: 0.01 },
        http: { port: 0 },
        privacy: { retention: { signedAndArchivedMonths: 12, withdrawnMonths: 1, endedUnsignedMonths: 12 } },
        staff: { port: 0, secretEnv: 'STAFF_SECRET', auth: { mode: 'tokens', tokens: [{ sha256: createHash('sha256').update(token).digest('hex'), user: 'kari', role: 'county', county: 'Telemark' }] } },
      },
      { source: join(dir, 'inline.json'), env: { FAGSIGN_MASTER_KEYS: `county-1:${randomBytes(32).toString('base64')}`, STAFF_SECRET: 'x'.repeat(40) } },
    );
    let now = DateTime.fromISO('2027-03-01T10:00', { zone: osloZone });
    const lines: string[] = [];
    const destination = { write: (line: string) => void lines.push(line) };
    const service = await startService(config, { logger: createLogger({ level: 'info', format: 'json', destination }), clock: () => now });
    try {
      expect(isProtectedStore(service.store)).toBe(true);
      const registrations: RegisterContract[] = [];
      for (let i = 1; i <= 3; i++) {
        const registration = sampleRegistration({ contractId: `PRIV-${i}`, seed: 40 + i });
        registrations.push(registration);
        await handle(service.store, registration.contractId, registration, { now, policy: config.policy });
      }
      const [withdrawn, signed, open] = registrations.map((r) => r.contractId as ContractId) as [ContractId, ContractId, ContractId];
      await handle(service.store, withdrawn, { type: 'WithdrawContract', reason: 'apprentice-left' }, { now, policy: config.policy });
      await handle(service.store, signed, { type: 'CreateOrder' }, { now, policy: config.policy });
      // the runner sends the order, the simulated signers sign within days, and it archives the signed contract
      await until(async () => {
        now = now.plus({ minutes: 15 });
        return (await service.store.readStream(contractStreamName(signed))).events.some((e) => e.event.type === 'SignedDocumentArchived');
      }, 'the archiving');
      expect(now < DateTime.fromISO('2027-03-20T00:00', { zone: osloZone })).toBe(true);

      const text = fileText(path);
      // six characters and more: a short name part ("Per") turns up in ciphertext by chance
      const spellings = registrations.flatMap(spellingsOf).filter((s) => s.length >= 6);
      expect(spellings.length).toBeGreaterThan(20);
      expect(spellings.filter((s) => text.includes(s))).toEqual([]);
      // and yet the running service reads them back, for the signing service and the staff pages
      const nameIn = async (id: ContractId) => {
        const first = (await service.store.readStream(contractStreamName(id))).events[0]!.event;
        return first.type === 'ContractRegistered' ? first.data.parties[0]!.name : undefined;
      };
      const nameOf = (id: ContractId) => registrations.find((r) => r.contractId === id)!.parties[0]!.name;
      expect(await nameIn(withdrawn)).toBe(nameOf(withdrawn));

      // the day before the month has run out: nothing erased; from its Oslo midnight on: erased by the runner
      now = DateTime.fromISO('2027-04-01T23:50', { zone: osloZone });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const ledger = () => readErasureLedger((service.store as unknown as { inner: Parameters<typeof readErasureLedger>[0] }).inner);
      expect(await ledger()).toEqual([]);
      // the status page says when: the withdrawn contract from its Oslo day, the open one not at all
      expect(await statusRowText(service.staffPort!, withdrawn)).toContain('slettes 2027-04-02');
      expect(await statusRowText(service.staffPort!, signed)).toContain('slettes 2028-03-');
      expect(await statusRowText(service.staffPort!, open)).not.toContain('slett');
      now = DateTime.fromISO('2027-04-02T00:05', { zone: osloZone });
      await until(async () => (await ledger()).length > 0, 'the retention step');
      expect((await ledger()).map((f) => ({ contractId: f.contractId, trigger: f.trigger }))).toEqual([{ contractId: withdrawn, trigger: 'retention' }]);
      expect(await nameIn(withdrawn)).toBe('«slettet»');
      for (const id of [signed, open]) expect(await nameIn(id)).toBe(nameOf(id));
      expect(await statusRowText(service.staffPort!, withdrawn)).toContain('slettet 2027-04-02');
      // the erasure is in the service's log, by contract id, and no personal value is anywhere in it
      const erasureLines = lines.map((l) => JSON.parse(l) as { msg: string; erased?: string[] }).filter((l) => l.erased !== undefined);
      expect(erasureLines).toEqual([expect.objectContaining({ erased: [withdrawn], msg: 'retention erased the personal data of 1 contract(s)' })]);
      const logText = lines.join('');
      expect(spellings.filter((s) => logText.includes(s))).toEqual([]);
    } finally {
      await service.stop();
    }
  }, 60_000);
});
