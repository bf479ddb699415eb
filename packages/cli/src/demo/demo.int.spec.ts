/*
 * The pilot demo's figures, as the simulation computes them, against the slides. Nothing here is
 * written into the demo: the simulation replays contracts, signers and outages through the real
 * runner, and these tests read the outcome through the statistics projection.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getInMemoryEventStore, catchUpProjection } from '@fagsign/adapters';
import { contractsProjection, statistics, type StatisticsReport } from '@fagsign/projections';
import { simulatePilot } from './simulation.js';
import { main } from '../main.js';
import type { CommandIo } from '../io.js';
import { processIo } from '../io.js';

const run = async (mode: 'as-it-happened' | 'with-fagsign'): Promise<StatisticsReport> => {
  const store = getInMemoryEventStore();
  await simulatePilot(store, mode);
  return statistics((await catchUpProjection(store, contractsProjection, { save: false })).state);
};

const county = (report: StatisticsReport, name: string) => report.counties.find((c) => c.county === name)!;
const office = (report: StatisticsReport, name: string) => report.counties.flatMap((c) => c.offices).find((o) => o.office.startsWith(name))!;

describe('the pilot demo, as it happened', async () => {
  const report = await run('as-it-happened');

  it('Telemark: 13 signed electronically, all lærekontrakter, over five training offices', () => {
    const telemark = county(report, 'Telemark');
    expect(telemark.totals.contracts.signedElectronically).toBe(13);
    expect(telemark.totals.byType.laerekontrakt.signedElectronically).toBe(13);
    expect(telemark.offices).toHaveLength(5);
    expect(telemark.offices.every((o) => o.contracts.signedElectronically > 0)).toBe(true);
  });

  it('Telemark\'s orders: a wrong mobile, a missing e-mail then silence and paper, a new start date, two errors at the service', () => {
    const telemark = county(report, 'Telemark').totals;
    expect(telemark.failures).toEqual({ 'wrong-mobile': 1, 'missing-email': 1, 'provider-error': 2, expired: 1, cancelled: 1 });
    expect(telemark.contracts.signedManually).toBe(1);
    expect(telemark.orders.resigned).toBe(5);
  });

  it('Østfold: 24 signed electronically (19 lærekontrakter, 5 opplæringskontrakter) and 10 out for signing', () => {
    const ostfold = county(report, 'Østfold').totals;
    expect(ostfold.contracts.signedElectronically).toBe(24);
    expect(ostfold.byType.laerekontrakt.signedElectronically).toBe(19);
    expect(ostfold.byType.opplaeringskontrakt.signedElectronically).toBe(5);
    expect(ostfold.contracts.inSigning).toBe(10);
  });

  it('Østfold\'s orders: two changed mobile numbers, a 7-day order that ran out, a shared mailbox, three errors at the service', () => {
    const ostfold = county(report, 'Østfold').totals;
    expect(ostfold.failures).toEqual({ 'wrong-mobile': 2, 'shared-mailbox': 1, 'provider-error': 3, expired: 1 });
    expect(ostfold.contracts.signedManually).toBe(1);
  });

  it('OKOS: 14 signed, 9 awaiting review, and 22 sent for signing', () => {
    const okos = office(report, 'OKOS');
    expect(okos.contracts.signedElectronically).toBe(14);
    expect(okos.contracts.awaitingReview).toBe(9);
    expect(okos.contracts.signedElectronically + okos.contracts.inSigning).toBe(22);
    expect(office(report, 'OK Bilfag').contracts.signedElectronically).toBe(10);
  });
});

describe('the same pilot with fagsign\'s defences', async () => {
  const [pilot, defended] = await Promise.all([run('as-it-happened'), run('with-fagsign')]);
  const failed = (r: StatisticsReport) => Object.values(r.totals.failures).reduce((a, b) => a + (b ?? 0), 0);

  it('catches the missing and the shared e-mail before sending, and retries the outages on the same orders', () => {
    expect(defended.totals.failures['missing-email'] ?? 0).toBe(0);
    expect(defended.totals.failures['shared-mailbox'] ?? 0).toBe(0);
    expect(defended.totals.failures['provider-error'] ?? 0).toBe(0);
    expect(defended.totals.remindersSent).toBeGreaterThan(0);
  });

  it('needs fewer orders, fewer new orders and no paper contract; a wrong but valid number still needs a phone call', () => {
    expect(failed(defended)).toBeLessThan(failed(pilot));
    expect(defended.totals.orders.resigned).toBeLessThan(pilot.totals.orders.resigned);
    expect(defended.totals.contracts.signedManually).toBe(0);
    expect(pilot.totals.contracts.signedManually).toBe(2);
    expect(defended.totals.failures['wrong-mobile']).toBe(pilot.totals.failures['wrong-mobile']);
    expect(defended.totals.contracts.signedElectronically).toBe(pilot.totals.contracts.signedElectronically + 2);
  });
});

describe('fagsign demo, then fagsign report on the store it leaves', () => {
  it('prints the comparison, writes the HTML report, and the JSON report gives the same figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fagsign-demo-'));
    const out: string[] = [];
    const io: CommandIo = { ...processIo(), stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } };
    const store = `sqlite:${join(dir, 'demo.db')}`;
    expect(await main(['demo', '--store', store, '--html', join(dir, 'report.html'), '--lang', 'en'], io)).toBe(0);
    const printed = out.join('');
    expect(printed).toContain('The pilot as it happened, and with fagsign');
    expect(printed).toMatch(/Manual \(paper\) contracts\s+2\s+0\s+−2/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<svg');

    out.length = 0;
    expect(await main(['report', '--store', store, '--format', 'json'], io)).toBe(0);
    const json = JSON.parse(out.join(''));
    const telemark = json.counties.find((c: { county: string }) => c.county === 'Telemark');
    const ostfold = json.counties.find((c: { county: string }) => c.county === 'Østfold');
    expect(telemark.totals.contracts.signedElectronically).toBe(13);
    expect(ostfold.totals.contracts).toMatchObject({ signedElectronically: 24, inSigning: 10 });
    expect(ostfold.offices.find((o: { office: string }) => o.office.startsWith('OKOS')).contracts).toMatchObject({ signedElectronically: 14, awaitingReview: 9 });
  });
});
