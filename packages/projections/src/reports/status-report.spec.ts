import { describe, expect, it } from 'vitest';
import { instantOf } from '@fagsign/domain';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { pilotHistory, pilotUntilDiagnosis } from '../testing/pilot.js';
import { attention } from './attention.js';
import { dataQuality } from './data-quality.js';
import { statusReport } from './status-report.js';

const at = (s: ReturnType<typeof pilotHistory>) => ({ state: foldEvents(contractsProjection, s.events), now: instantOf(s.now) });
const rowOf = (report: ReturnType<typeof statusReport>, id: string) => report.offices.flatMap((o) => o.rows).find((r) => r.contractId === id)!;

describe('the status report', () => {
  it('tells the clerk to correct the apprentice’s mobile in Vigo once a person diagnosed it after the order expired', () => {
    const { state, now } = at(pilotUntilDiagnosis());
    const row = rowOf(statusReport(state, {}, now), 'TM-1');
    expect(row.status).toBe('order-ended');
    expect(row.lastFailure).toEqual({ cause: 'wrong-mobile', at: '2026-08-17T07:00:00.000Z', role: 'laerling' });
    expect(row.nextStep).toEqual({
      nb: 'Rett lærlingens mobilnummer i Vigo, og opprett et nytt oppdrag.',
      en: "Correct the apprentice's mobile number in Vigo, then create a new order.",
    });
  });

  it('puts the signing status first and shows the deadline, the days left and the roles still to sign', () => {
    const { state, now } = at(pilotHistory());
    const report = statusReport(state, { county: 'Østfold' }, now);
    expect(report.offices.map((o) => o.office)).toEqual(['OKOS']);
    const [first, second] = report.offices[0]!.rows;
    expect(Object.keys(first!)[0]).toBe('status');
    expect(first).toMatchObject({
      status: 'in-signing',
      contractId: 'OF-2',
      signatures: { signed: 1, total: 3 },
      deadline: '2026-08-19T09:00:00.000Z',
      daysLeft: 0,
      pendingRoles: ['laerling', 'daglig-leder'],
      lastFailure: null,
    });
    expect(first!.nextStep.nb).toBe('Fristen går ut innen et døgn: kontakt lærlingen og daglig leder og be om signatur.');
    expect(second).toMatchObject({ status: 'registered', contractId: 'OF-1', deadline: null, daysLeft: null, pendingRoles: [] });
    expect(second!.nextStep.nb).toBe('Rett i Vigo først (faglig leders e-postadresse er en fellespostkasse). Kontroller kontrakten, og opprett et signeringsoppdrag.');
  });

  it('shows the follow-up after signature: done, or left to a person when the retries are used up', () => {
    const { state, now } = at(pilotHistory());
    const report = statusReport(state, { office: '975123456' }, now);
    expect(rowOf(report, 'TM-6')).toMatchObject({ status: 'signed-electronically', followUp: { archive: 'done', vigo: 'done' } });
    expect(rowOf(report, 'TM-3')).toMatchObject({ followUp: { archive: 'needs-a-person', vigo: 'pending' }, lastFailure: { cause: 'cancelled' } });
    expect(rowOf(report, 'TM-3').nextStep.nb).toBe('Automatikken ga opp: Arkiver det signerte dokumentet manuelt.');
  });
});

describe('what needs attention today', () => {
  it('lists blocked contracts, orders about to expire, and follow-up a person must take over', () => {
    const { state, now } = at(pilotHistory());
    const report = attention(state, {}, now);
    expect(report.items.map((i) => [i.kind, i.contractId])).toEqual([
      ['preflight-blocked', 'OF-1'],
      ['expiring-soon', 'OF-2'],
      ['follow-up-stalled', 'TM-3'],
    ]);
    expect(report.items[1]).toMatchObject({ at: '2026-08-19T09:00:00.000Z', pendingRoles: ['laerling', 'daglig-leder'] });
    expect(report.items[0]!.problems).toEqual([{ nb: 'faglig leders e-postadresse er en fellespostkasse', en: "the professional leader's e-mail address is a shared mailbox" }]);
    expect(report.counts).toEqual({ 'order-failed': 0, 'preflight-blocked': 1, 'expiring-soon': 1, 'provider-retry': 0, 'follow-up-stalled': 1, 'late-signature': 0 });
  });

  it('lists orders that failed and are waiting for a new order', () => {
    const { state, now } = at(pilotUntilDiagnosis());
    const items = attention(state, { county: 'Telemark' }, now).items.filter((i) => i.kind === 'order-failed');
    expect(items.map((i) => [i.contractId, i.cause])).toEqual([
      ['TM-1', 'wrong-mobile'],
      ['TM-2', 'expired'],
    ]);
  });
});

describe('data quality', () => {
  it('counts contact problems per office over the open contracts', () => {
    const { state } = at(pilotHistory());
    const report = dataQuality(state);
    const okos = report.offices.find((o) => o.office === 'OKOS')!;
    expect(okos).toMatchObject({ openContracts: 2, withProblems: 1 });
    expect(okos.problems['faglig-leder-email-shared']).toBe(1);
    expect(Object.values(okos.problems).reduce((a, b) => a + b, 0)).toBe(1);
    expect(report.offices.find((o) => o.office === 'OK Bilfag')).toMatchObject({ openContracts: 0, withProblems: 0 });
    expect(report.totals).toMatchObject({ openContracts: 2, withProblems: 1 });
  });
});
