import { describe, expect, it } from 'vitest';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { pilotHistory, pilotUntilDiagnosis } from '../testing/pilot.js';
import { scenario } from '../testing/scenario.js';
import { statistics } from './statistics.js';

const pilot = () => foldEvents(contractsProjection, pilotHistory().events);

describe('statistics for the Telemark pilot', () => {
  const report = statistics(pilot());
  const telemark = report.counties.find((c) => c.county === 'Telemark')!;
  const bilfag = telemark.offices.find((o) => o.office === 'OK Bilfag')!;
  const grenland = telemark.offices.find((o) => o.office === 'Opplæringskontoret i Grenland')!;

  it('counts each failed, expired or cancelled order once, under its final cause', () => {
    // The wrong mobile was found after TM-1's order expired: it counts as wrong-mobile, not expired.
    expect(grenland.failures).toEqual({ 'wrong-mobile': 1, 'missing-email': 1, expired: 1 });
    expect(bilfag.failures).toEqual({ 'provider-error': 2, cancelled: 1 });
    expect(telemark.totals.failures).toEqual({ 'wrong-mobile': 1, 'missing-email': 1, 'provider-error': 2, expired: 1, cancelled: 1 });
  });

  it('counts a failure under expired until a person diagnoses it, and under the diagnosis after', () => {
    const before = pilotUntilDiagnosis();
    const diagnosis = before.events.pop()!;
    expect(diagnosis).toMatchObject({ type: 'SignerFailed', data: { cause: 'wrong-mobile', source: 'staff' } });
    const grenlandOf = (events: typeof before.events) => statistics(foldEvents(contractsProjection, events)).counties[0]!.offices.find((o) => o.orgNumber === '912345688')!;
    expect(grenlandOf(before.events).failures).toEqual({ 'missing-email': 1, expired: 2 });
    expect(grenlandOf([...before.events, diagnosis]).failures).toEqual({ 'wrong-mobile': 1, 'missing-email': 1, expired: 1 });
  });

  it('counts contracts by where they stand, split by contract type, and orders with the new orders after a failure', () => {
    expect(telemark.totals.contracts).toEqual({ registered: 6, awaitingReview: 0, inSigning: 0, needsNewOrder: 0, signedElectronically: 5, signedManually: 1, withdrawn: 0 });
    expect(bilfag.byType.opplaeringskontrakt).toMatchObject({ registered: 1, signedElectronically: 1 });
    expect(bilfag.byType.laerekontrakt).toMatchObject({ registered: 3, signedElectronically: 3 });
    expect(telemark.totals.orders).toEqual({ created: 11, resigned: 5, firstAttemptSuccessRate: 0.1667, firstAttempts: { ended: 6, signed: 1 }, resolvedByRetry: 0 });
    const ostfold = report.counties.find((c) => c.county === 'Østfold')!;
    expect(ostfold.totals.contracts).toMatchObject({ registered: 2, awaitingReview: 1, inSigning: 1 });
    expect(ostfold.totals.orders.firstAttemptSuccessRate).toBeNull();
    expect(ostfold.totals.remindersSent).toBe(2);
  });

  it('measures days from the first order to the signature, electronic and manual apart, over all of a county’s contracts', () => {
    // TM-6 took 2 hours; TM-3, TM-4 and TM-5 2 days 2 hours; TM-1 (electronic) and TM-2 (paper) 15 days 4 hours.
    expect(bilfag.daysToSign).toEqual({ median: 2.1, p90: 2.1, count: 4, electronic: { median: 2.1, p90: 2.1, count: 4 }, manual: { median: null, p90: null, count: 0 } });
    expect(grenland.daysToSign).toMatchObject({ median: 15.2, electronic: { count: 1 }, manual: { median: 15.2, count: 1 } });
    // Six values: the median is the mean of the 3rd and 4th (2.08 and 2.08); p90 is the 6th by nearest rank.
    expect(telemark.totals.daysToSign).toMatchObject({ median: 2.1, p90: 15.2, count: 6 });
  });

  it('keeps the documented JSON shape', () => {
    const json = JSON.parse(JSON.stringify(report));
    expect(Object.keys(json)).toEqual(['scope', 'counties', 'totals']);
    expect(Object.keys(json.counties[0])).toEqual(['county', 'offices', 'totals']);
    expect(Object.keys(json.counties[0].offices[0])).toEqual(['office', 'orgNumber', 'kind', 'contracts', 'byType', 'orders', 'failures', 'remindersSent', 'daysToSign']);
    expect(Object.keys(json.totals)).toEqual(['contracts', 'byType', 'orders', 'failures', 'remindersSent', 'daysToSign']);
    expect(Object.keys(json.totals.byType)).toEqual(['laerekontrakt', 'opplaeringskontrakt']);
    expect(Object.keys(json.totals.daysToSign)).toEqual(['median', 'p90', 'count', 'electronic', 'manual']);
  });

  it('scopes to a county or an office', () => {
    const state = pilot();
    expect(statistics(state, { county: 'Østfold' }).counties.map((c) => c.county)).toEqual(['Østfold']);
    const office = statistics(state, { office: '975123456' });
    expect(office.counties).toHaveLength(1);
    expect(office.counties[0]!.offices.map((o) => o.office)).toEqual(['OK Bilfag']);
    expect(office.totals.contracts).toEqual(bilfag.contracts);
    expect(office.totals.failures).toEqual(bilfag.failures);
    expect(office.totals.daysToSign).toEqual(bilfag.daysToSign);
    expect(office.scope).toEqual({ county: null, office: '975123456' });
  });
});

describe('statistics and faults that were not the signing service\'s', () => {
  it('counts an order an earlier runner failed for a refused certificate or its own bug as our fault, never as a provider error', () => {
    const s = scenario('2026-08-03T09:00');
    const fail = (id: string, code: string) => {
      s.register(id, { county: 'Telemark', office: 'bilfag' });
      s.run(id, { type: 'CreateOrder' });
      s.run(id, { type: 'RecordProviderError', orderId: s.order(id), code, transient: false });
    };
    fail('EC-1', 'http-401');
    fail('EC-2', 'http-403');
    fail('EC-3', 'unexpected');
    fail('EC-4', 'http-503'); // the service's own error still counts as one
    const totals = statistics(foldEvents(contractsProjection, s.events)).totals;
    expect(totals.failures).toEqual({ 'provider-error': 1, 'our-fault': 3 });
  });
});
