import { performance } from 'node:perf_hooks';
import { decideOrThrow, evolve, initialState, type ContractEvent, type Instant } from '@fagsign/domain';
import { sampleOffice, sampleRegistration } from '@fagsign/domain/testing';
import { contractsProjection, foldEvents, statusLabels, statusReport, typeLabels } from '@fagsign/projections';
import { DateTime } from 'luxon';
import { clerkOrder, scopeOf, statusPage } from '../src/pages/report-pages.js';
import type { StaffIdentity } from '../src/pages/staff-settings.js';

import { osloMinute } from '../src/pages/oslo-time.js';
/*
 * The status page for one office with 2,000 contracts, from a warm read model (folded once, before
 * timing), against a hand-written baseline in the same run: the same report's rows as tab-separated
 * plain text. The page must stay under 200 ms; the ratio says what the HTML costs over the rows.
 */
const contracts = 2000;
const runs = 25;
const office = sampleOffice('Opplæringskontoret for Bilfag', 11);
const start = DateTime.fromISO('2026-08-03T10:00:00', { zone: 'Europe/Oslo' });
const now = start.plus({ days: 3 }).toUTC().toISO() as Instant;

const events: ContractEvent[] = [];
for (let i = 0; i < contracts; i++) {
  const contractId = `BENCH-${i}`;
  // a third awaiting review, a third out for signing, a third with a blocking problem
  const parties = i % 3 === 2 ? { 'faglig-leder': { email: undefined } } : {};
  const registered = decideOrThrow(sampleRegistration({ contractId, office, seed: i + 1, parties }), initialState, { now: start });
  events.push(...registered);
  if (i % 3 === 1) events.push(...decideOrThrow({ type: 'CreateOrder' }, registered.reduce(evolve, initialState), { now: start }));
}
const state = foldEvents(contractsProjection, events);
const identity: StaffIdentity = { user: 'bench', role: 'office', county: 'Telemark', office: office.orgNumber };

const plainText = (): string => {
  const report = statusReport(state, scopeOf(identity), now);
  return report.offices
    .flatMap((o) => clerkOrder(o.rows))
    .map((r) => [statusLabels[r.status].nb, r.contractId, typeLabels[r.contractType].nb, r.signatures === null ? '' : `${r.signatures.signed}/${r.signatures.total}`, r.deadline === null ? '' : osloMinute(r.deadline), r.nextStep.nb].join('\t'))
    .join('\n');
};
const page = (): string => statusPage(state, identity, now, 'nb');

const median = (run: () => string): { ms: number; bytes: number } => {
  let bytes = 0;
  for (let i = 0; i < 3; i++) bytes = run().length; // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = run().length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)]!, bytes };
};

const text = median(plainText);
const html = median(page);
console.log(`status page, one office, ${contracts} contracts, warm read model, median of ${runs} runs`);
console.log(`  plain text rows (baseline): ${text.ms.toFixed(1)} ms, ${(text.bytes / 1024).toFixed(0)} KiB`);
console.log(`  HTML status page:           ${html.ms.toFixed(1)} ms, ${(html.bytes / 1024).toFixed(0)} KiB`);
console.log(`  ratio page / plain text:    ${(html.ms / text.ms).toFixed(2)}x`);
console.log(`  budget 200 ms: ${html.ms < 200 ? 'met' : 'MISSED'}`);
if (html.ms >= 200) process.exitCode = 1;
