import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOf, type County } from '@fagsign/domain';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { historyArb, replayAll } from '../testing/histories.js';
import { attention } from './attention.js';
import { dataQuality } from './data-quality.js';
import type { ContractCounts, Figures } from './figures.js';
import { officesInScope } from './scope.js';
import { statistics } from './statistics.js';
import { statusReport } from './status-report.js';

const buckets: (keyof ContractCounts)[] = ['awaitingReview', 'inSigning', 'needsNewOrder', 'signedElectronically', 'signedManually', 'withdrawn'];

const counts = (f: Figures) => ({
  contracts: f.contracts,
  byType: f.byType,
  created: f.orders.created,
  resigned: f.orders.resigned,
  firstAttempts: f.orders.firstAttempts,
  failures: f.failures,
  remindersSent: f.remindersSent,
  days: f.daysToSign.count,
});

/** Adds figures up by their counts (medians do not add up; their counts do). */
const sum = (all: Figures[]) => {
  const out = JSON.parse(JSON.stringify(counts(all[0]!)));
  for (const f of all.slice(1)) {
    const c = counts(f);
    for (const k of Object.keys(out.contracts)) out.contracts[k] += c.contracts[k as keyof ContractCounts];
    for (const t of Object.keys(out.byType)) for (const k of Object.keys(out.byType[t])) out.byType[t][k] += c.byType[t as 'laerekontrakt'][k as keyof ContractCounts];
    out.created += c.created;
    out.resigned += c.resigned;
    out.firstAttempts.ended += c.firstAttempts.ended;
    out.firstAttempts.signed += c.firstAttempts.signed;
    for (const [k, v] of Object.entries(c.failures)) out.failures[k] = (out.failures[k] ?? 0) + v;
    out.remindersSent += c.remindersSent;
    out.days += c.days;
  }
  return out;
};

const consistent = (f: Figures): void => {
  expect(buckets.reduce((n, k) => n + f.contracts[k], 0)).toBe(f.contracts.registered);
  expect(f.contracts.signedElectronically + f.contracts.signedManually).toBeLessThanOrEqual(f.contracts.registered);
  for (const k of Object.keys(f.contracts) as (keyof ContractCounts)[]) expect(f.byType.laerekontrakt[k] + f.byType.opplaeringskontrakt[k]).toBe(f.contracts[k]);
  expect(f.orders.firstAttempts.signed).toBeLessThanOrEqual(f.orders.firstAttempts.ended);
  expect(f.orders.resigned).toBeLessThan(f.orders.created + 1);
  expect(f.daysToSign.count).toBe(f.daysToSign.electronic.count + f.daysToSign.manual.count);
  expect(f.daysToSign.count).toBeLessThanOrEqual(f.contracts.signedElectronically + f.contracts.signedManually);
  expect(f.daysToSign.electronic.count).toBe(f.contracts.signedElectronically);
  if (f.daysToSign.median !== null) expect(f.daysToSign.median).toBeLessThanOrEqual(f.daysToSign.p90!);
};

describe('reports over random histories', () => {
  it('totals are consistent: buckets add up to registered, signed never exceeds registered, offices sum to counties and counties to the total', () => {
    fc.assert(
      fc.property(historyArb(), (history) => {
        const report = statistics(foldEvents(contractsProjection, history.events));
        const domain = [...replayAll(history.events).values()];
        consistent(report.totals);
        for (const county of report.counties) {
          consistent(county.totals);
          county.offices.forEach(consistent);
          expect(sum([county.totals])).toEqual(sum(county.offices));
        }
        if (report.counties.length > 0) expect(sum(report.counties.map((c) => c.totals))).toEqual(sum([report.totals]));
        // against the domain's own view of the same log
        expect(report.totals.contracts.registered).toBe(domain.length);
        expect(report.totals.contracts.signedElectronically).toBe(domain.filter((s) => s.status === 'signed-electronically').length);
        expect(report.totals.orders.created).toBe(domain.reduce((n, s) => n + s.orders.length, 0));
        // every order after a contract's first follows a failed, expired or cancelled one
        expect(report.totals.orders.resigned).toBe(domain.reduce((n, s) => n + Math.max(0, s.orders.length - 1), 0));
        const ended = domain.flatMap((s) => s.orders).filter((o) => o.status === 'failed' || o.status === 'expired' || o.status === 'cancelled').length;
        expect(Object.values(report.totals.failures).reduce((a, b) => a + b, 0)).toBe(ended);
      }),
      { numRuns: 150 },
    );
  });

  it('a report scoped to a county or an office holds only that scope’s contracts, and scoped totals sum to the unscoped ones', () => {
    fc.assert(
      fc.property(historyArb(), (history) => {
        const state = foldEvents(contractsProjection, history.events);
        const now = instantOf(history.end);
        const all = statistics(state);
        const offices = officesInScope(state, {});
        const counties = [...new Set(offices.map((o) => o.county))] as County[];
        if (counties.length > 0) expect(sum(counties.map((county) => statistics(state, { county }).totals))).toEqual(sum([all.totals]));
        if (offices.length > 0) expect(sum(offices.map((o) => statistics(state, { county: o.county, office: o.orgNumber }).totals))).toEqual(sum([all.totals]));

        for (const office of offices) {
          const scope = { office: office.orgNumber };
          const belongs = (contractId: string) => history.officeOf.get(contractId)!.endsWith(`/${office.orgNumber}`);
          const scoped = statistics(state, scope);
          expect(scoped.counties.flatMap((c) => c.offices.map((o) => o.orgNumber))).toEqual(offices.filter((o) => o.orgNumber === office.orgNumber).map((o) => o.orgNumber));
          const rows = statusReport(state, scope, now).offices.flatMap((o) => o.rows);
          expect(rows.every((r) => belongs(r.contractId))).toBe(true);
          expect(rows.length).toBe([...history.officeOf.entries()].filter(([id]) => belongs(id)).length);
          expect(attention(state, scope, now).items.every((i) => belongs(i.contractId))).toBe(true);
          expect(dataQuality(state, scope).offices.every((o) => o.orgNumber === office.orgNumber)).toBe(true);
        }
        for (const county of counties) {
          const inCounty = (contractId: string) => history.officeOf.get(contractId)!.startsWith(`${county}/`);
          expect(statusReport(state, { county }, now).offices.flatMap((o) => o.rows).every((r) => inCounty(r.contractId))).toBe(true);
          expect(attention(state, { county }, now).items.every((i) => inCounty(i.contractId))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('every status row has a next step in both languages, and names roles only', () => {
    fc.assert(
      fc.property(historyArb({ maxSteps: 60 }), (history) => {
        const state = foldEvents(contractsProjection, history.events);
        for (const office of statusReport(state, {}, instantOf(history.end)).offices) {
          for (const row of office.rows) {
            expect(row.nextStep.nb.length).toBeGreaterThan(5);
            expect(row.nextStep.en.length).toBeGreaterThan(5);
            expect(row.nextStep.nb).not.toMatch(/undefined|null/);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
