import { describe, expect, it } from 'vitest';
import type { Instant } from '@fagsign/domain';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { pilotHistory } from '../testing/pilot.js';
import { statusSheet, attentionSheet } from '../render/sheets.js';
import { renderTable } from '../render/table.js';
import { attention } from './attention.js';
import { statusReport } from './status-report.js';
import { nextStep } from './next-step.js';
import { blockingProblems } from './contact-problems.js';

/* OF-2 in the pilot: out for signing, deadline 2026-08-19 09:00 UTC, two signers pending. */
const state = foldEvents(contractsProjection, pilotHistory().events);
const deadline = '2026-08-19T09:00:00.000Z';
const rowAt = (now: string) => statusReport(state, {}, now as Instant).offices.flatMap((o) => o.rows).find((r) => r.contractId === 'OF-2')!;
const attentionAt = (now: string) => attention(state, {}, now as Instant).items.find((i) => i.contractId === 'OF-2');

describe('"expires within a day": one rule for every report', () => {
  it.each([
    ['24 h 1 ms before', '2026-08-18T08:59:59.999Z', 'later', 1, false],
    ['exactly 24 h before (when the reminder goes out)', '2026-08-18T09:00:00.000Z', 'within-a-day', 0, true],
    ['1 ms before', '2026-08-19T08:59:59.999Z', 'within-a-day', 0, true],
  ] as const)('%s: the status report, the attention list and the next step agree', (_when, now, state, days, listed) => {
    const row = rowAt(now);
    expect(row.deadlineState).toBe(state);
    expect(row.daysLeft).toBe(days);
    expect(attentionAt(now)?.kind === 'expiring-soon').toBe(listed);
    expect(row.nextStep.nb.startsWith('Fristen går ut innen et døgn')).toBe(listed);
  });

  it('a passed deadline of an order not yet reported expired is said in words, never as negative days', () => {
    const now = '2026-11-01T09:00:00.000Z';
    const row = rowAt(now);
    expect(row).toMatchObject({ deadline, deadlineState: 'passed', daysLeft: 0 });
    expect(row.nextStep.nb).toMatch(/^Fristen gikk ut 2026-08-19 11:00, men oppdraget er ikke meldt utløpt ennå/);
    expect(attentionAt(now)?.kind).toBe('expiring-soon');
    const table = renderTable(statusSheet(statusReport(state, {}, now as Instant), 'nb'), 'nb');
    expect(table).toContain('fristen er passert');
    expect(table).not.toMatch(/(^|\s)-\d+/m);
    expect(table).not.toContain('innen et døgn');
  });
});

describe('English means English', () => {
  const norwegian = /[æøåÆØÅ]|\b(og|fra|kontakt|Fristen|Venter|mangler|avviste|gikk|går|innen|døgn|lærling|leder)\b/;
  it.each(['2026-08-18T09:00:00.000Z', '2026-08-19T10:00:00.000Z', '2026-11-01T09:00:00.000Z'])('every next step, problem and sheet in English at %s holds no Norwegian words', (now) => {
    for (const contract of state.contracts.values()) {
      expect(nextStep(contract, now as Instant).en).not.toMatch(norwegian);
      for (const problem of blockingProblems(contract)) expect(problem.en).not.toMatch(norwegian);
    }
    const sheets = renderTable(statusSheet(statusReport(state, {}, now as Instant), 'en'), 'en') + renderTable(attentionSheet(attention(state, {}, now as Instant), 'en'), 'en');
    const withoutNames = sheets.replace(/Østfold|Telemark|OK[ \w-]*|Opplæringskontor[\p{L} -]*/gu, '');
    expect(withoutNames).not.toMatch(norwegian);
  });
});
