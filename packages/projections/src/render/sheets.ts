import { osloTime, type Lang } from '../reports/words.js';
import { failureCauses } from '../contracts/attribution.js';
import type { AttentionReport } from '../reports/attention.js';
import { contactProblemCodes } from '../reports/contact-problems.js';
import type { DataQualityReport } from '../reports/data-quality.js';
import type { ContractCounts, Figures } from '../reports/figures.js';
import type { StatisticsReport } from '../reports/statistics.js';
import { personalDataWords, type StatusReport } from '../reports/status-report.js';
import { daysLeftWords } from '../reports/deadline.js';
import { contractTypes } from '@fagsign/domain';
import { attentionLabels, causeLabels, countLabels, followUpLabels, problemLabels, roleLabels, statusLabels, text, typeLabels } from './labels.js';
import type { Cell, Column, Sheet } from './sheet.js';

const countKeys: readonly (keyof ContractCounts)[] = ['registered', 'awaitingReview', 'inSigning', 'needsNewOrder', 'signedElectronically', 'signedManually', 'withdrawn'];

interface Keyed {
  readonly key: Cell[];
  readonly figures: Figures;
  readonly total: boolean;
}

/** Each office, then its county's total, then the grand total. */
const keyedRows = (report: StatisticsReport, lang: Lang): Keyed[] => {
  const rows: Keyed[] = [];
  for (const county of report.counties) {
    for (const office of county.offices) rows.push({ key: [county.county, office.office, office.orgNumber], figures: office, total: false });
    rows.push({ key: [county.county, text.total[lang], null], figures: county.totals, total: true });
  }
  rows.push({ key: [text.allCounties[lang], text.total[lang], null], figures: report.totals, total: true });
  return rows;
};

const keyColumns = (lang: Lang): Column[] => [
  { label: text.county[lang], kind: 'text' },
  { label: text.office[lang], kind: 'text' },
  { label: text.orgNumber[lang], kind: 'text' },
];

const totalsOf = (rows: readonly Keyed[]): Set<number> => new Set(rows.flatMap((r, i) => (r.total ? [i] : [])));

export const contractsSheet = (report: StatisticsReport, lang: Lang): Sheet => {
  const rows = keyedRows(report, lang);
  return {
    title: text.contractsTitle[lang],
    columns: [...keyColumns(lang), ...countKeys.map((k) => ({ label: countLabels[k][lang], kind: 'count' as const }))],
    rows: rows.map((r) => [...r.key, ...countKeys.map((k) => r.figures.contracts[k])]),
    totals: totalsOf(rows),
  };
};

export const ordersSheet = (report: StatisticsReport, lang: Lang): Sheet => {
  const rows = keyedRows(report, lang);
  return {
    title: text.ordersTitle[lang],
    columns: [
      ...keyColumns(lang),
      { label: text.ordersCreated[lang], kind: 'count' },
      { label: text.resigned[lang], kind: 'count' },
      { label: text.firstAttempt[lang], kind: 'percent' },
      { label: text.resolvedByRetry[lang], kind: 'count' },
      { label: text.reminders[lang], kind: 'count' },
      { label: text.daysMedian[lang], kind: 'decimal' },
      { label: text.daysP90[lang], kind: 'decimal' },
      ...failureCauses.map((c) => ({ label: causeLabels[c][lang], kind: 'count' as const })),
    ],
    rows: rows.map((r) => {
      const f = r.figures;
      return [...r.key, f.orders.created, f.orders.resigned, f.orders.firstAttemptSuccessRate, f.orders.resolvedByRetry, f.remindersSent, f.daysToSign.median, f.daysToSign.p90, ...failureCauses.map((c) => f.failures[c] ?? 0)];
    }),
    totals: totalsOf(rows),
    notes: [text.firstAttemptNote[lang], text.resolvedByRetryNote[lang]],
  };
};

export const byTypeSheet = (report: StatisticsReport, lang: Lang): Sheet => {
  const rows = keyedRows(report, lang).flatMap((r) => contractTypes.map((t) => ({ ...r, type: t })));
  return {
    title: text.byTypeTitle[lang],
    columns: [...keyColumns(lang), { label: text.contractType[lang], kind: 'text' }, ...countKeys.map((k) => ({ label: countLabels[k][lang], kind: 'count' as const }))],
    rows: rows.map((r) => [...r.key, typeLabels[r.type][lang], ...countKeys.map((k) => r.figures.byType[r.type][k])]),
    totals: totalsOf(rows),
  };
};

/** The whole statistics report in one wide sheet, for CSV: contracts, then orders and failures. */
export const statisticsSheet = (report: StatisticsReport, lang: Lang): Sheet => {
  const contracts = contractsSheet(report, lang);
  const orders = ordersSheet(report, lang);
  return {
    title: text.statisticsTitle[lang],
    columns: [...contracts.columns, ...orders.columns.slice(3)],
    rows: contracts.rows.map((row, i) => [...row, ...orders.rows[i]!.slice(3)]),
    ...(contracts.totals === undefined ? {} : { totals: contracts.totals }),
  };
};

const roles = (list: readonly (keyof typeof roleLabels)[], lang: Lang): string => list.map((r) => roleLabels[r][lang]).join(', ');

/** The status report: signing status first, as the pilot asked. */
export const statusSheet = (report: StatusReport, lang: Lang): Sheet => ({
  title: `${text.statusTitle[lang]} (${text.asOf[lang].toLowerCase()} ${osloTime(report.asOf)})`,
  columns: [
    { label: text.status[lang], kind: 'text' },
    { label: text.county[lang], kind: 'text' },
    { label: text.office[lang], kind: 'text' },
    { label: text.contract[lang], kind: 'text' },
    { label: text.contractType[lang], kind: 'text' },
    { label: text.signatures[lang], kind: 'text' },
    { label: text.deadline[lang], kind: 'text' },
    { label: text.daysLeft[lang], kind: 'text' },
    { label: text.pending[lang], kind: 'text' },
    { label: text.lastFailure[lang], kind: 'text' },
    { label: text.nextStep[lang], kind: 'text' },
    { label: text.followUp[lang], kind: 'text' },
    ...(report.erasure === true ? [{ label: text.personalData[lang], kind: 'text' as const }] : []),
  ],
  rows: report.offices.flatMap((office) =>
    office.rows.map((row): Cell[] => [
      statusLabels[row.status][lang],
      office.county,
      office.office,
      row.contractId,
      typeLabels[row.contractType][lang],
      row.signatures === null ? null : `${row.signatures.signed}/${row.signatures.total}`,
      row.deadline === null ? null : osloTime(row.deadline),
      row.deadline === null ? null : daysLeftWords(row.deadline, report.asOf)[lang],
      roles(row.pendingRoles, lang),
      row.lastFailure === null ? null : `${causeLabels[row.lastFailure.cause][lang]} (${osloTime(row.lastFailure.at).slice(0, 10)})`,
      row.nextStep[lang],
      row.followUp === null ? null : `${followUpLabels[row.followUp.archive][lang]} / ${followUpLabels[row.followUp.vigo][lang]}`,
      ...(report.erasure === true ? [personalDataWords(row.personalData)?.[lang] ?? null] : []),
    ]),
  ),
});

export const attentionSheet = (report: AttentionReport, lang: Lang): Sheet => ({
  title: `${text.attentionTitle[lang]} (${text.asOf[lang].toLowerCase()} ${osloTime(report.asOf)})`,
  columns: [
    { label: text.kind[lang], kind: 'text' },
    { label: text.county[lang], kind: 'text' },
    { label: text.office[lang], kind: 'text' },
    { label: text.contract[lang], kind: 'text' },
    { label: text.when[lang], kind: 'text' },
    { label: text.lastFailure[lang], kind: 'text' },
    { label: text.pending[lang], kind: 'text' },
    { label: text.nextStep[lang], kind: 'text' },
  ],
  rows: report.items.map((item): Cell[] => [
    attentionLabels[item.kind][lang],
    item.county,
    item.office,
    item.contractId,
    item.at === null ? null : osloTime(item.at),
    item.cause === null ? null : causeLabels[item.cause][lang],
    roles(item.pendingRoles, lang),
    item.nextStep[lang],
  ]),
});

export const dataQualitySheet = (report: DataQualityReport, lang: Lang): Sheet => ({
  title: text.dataQualityTitle[lang],
  columns: [
    { label: text.county[lang], kind: 'text' },
    { label: text.office[lang], kind: 'text' },
    { label: text.orgNumber[lang], kind: 'text' },
    { label: text.openContracts[lang], kind: 'count' },
    { label: text.withProblems[lang], kind: 'count' },
    ...contactProblemCodes.map((c) => ({ label: problemLabels[c][lang], kind: 'count' as const })),
  ],
  rows: [
    ...report.offices.map((o): Cell[] => [o.county, o.office, o.orgNumber, o.openContracts, o.withProblems, ...contactProblemCodes.map((c) => o.problems[c])]),
    [text.allCounties[lang], text.total[lang], null, report.totals.openContracts, report.totals.withProblems, ...contactProblemCodes.map((c) => report.totals.problems[c])],
  ],
  totals: new Set([report.offices.length]),
});

