import { describe, expect, it } from 'vitest';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { scenario } from '../testing/scenario.js';
import { statistics } from './statistics.js';
import { ordersSheet } from '../render/sheets.js';
import { renderTable } from '../render/table.js';

const ordersOf = (s: ReturnType<typeof scenario>) => statistics(foldEvents(contractsProjection, s.events)).totals.orders;

describe('the first-attempt rate, defined by the contract’s outcome', () => {
  it('leaves out a contract withdrawn later, whatever reason its first order was cancelled with', () => {
    const s = scenario();
    s.register('LK-1', { county: 'Telemark', office: 'bilfag' });
    s.run('LK-1', { type: 'CreateOrder' });
    s.run('LK-1', { type: 'CancelOrder', orderId: s.order('LK-1'), reason: 'contact-correction' });
    s.run('LK-1', { type: 'WithdrawContract', reason: 'apprentice-left' });
    expect(ordersOf(s).firstAttempts).toEqual({ ended: 0, signed: 0 });
  });

  it('counts a first order cancelled as "withdrawn" on a contract that carries on as a failed first attempt', () => {
    const s = scenario();
    s.register('LK-2', { county: 'Telemark', office: 'bilfag' });
    s.run('LK-2', { type: 'CreateOrder' });
    s.run('LK-2', { type: 'CancelOrder', orderId: s.order('LK-2'), reason: 'withdrawn' });
    s.run('LK-2', { type: 'CreateOrder' });
    s.run('LK-2', { type: 'RecordOrderAccepted', orderId: s.order('LK-2'), providerJobId: 'job-2' });
    s.signAll('LK-2');
    expect(ordersOf(s)).toMatchObject({ firstAttempts: { ended: 1, signed: 0 }, firstAttemptSuccessRate: 0 });
  });

  it('says so in the report’s legend', () => {
    const s = scenario();
    s.register('LK-3', { county: 'Telemark', office: 'bilfag' });
    const table = renderTable(ordersSheet(statistics(foldEvents(contractsProjection, s.events)), 'nb'), 'nb');
    expect(table).toContain('Første forsøk lyktes: andelen kontrakter der det første oppdraget ble signert');
  });
});

describe('provider errors resolved by a retry', () => {
  it('are counted in their own column, not lost: an order that met an outage and was signed after the retry', () => {
    const s = scenario();
    s.register('LK-4', { county: 'Telemark', office: 'bilfag' });
    s.run('LK-4', { type: 'CreateOrder' });
    s.run('LK-4', { type: 'RecordProviderError', orderId: s.order('LK-4'), code: 'http-503', transient: true });
    s.wait({ hours: 2 });
    s.run('LK-4', { type: 'RecordOrderAccepted', orderId: s.order('LK-4'), providerJobId: 'job-4' });
    s.signAll('LK-4');
    const report = statistics(foldEvents(contractsProjection, s.events));
    expect(report.totals.orders.resolvedByRetry).toBe(1);
    expect(report.totals.failures).toEqual({});
    const sheet = ordersSheet(report, 'nb');
    const column = sheet.columns.findIndex((c) => c.label === 'Løst ved nytt forsøk');
    expect(sheet.rows.at(-1)![column]).toBe(1);
  });
});
