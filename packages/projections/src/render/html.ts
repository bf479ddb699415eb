import { failureCauses } from '../contracts/attribution.js';
import type { AttentionReport } from '../reports/attention.js';
import type { DataQualityReport } from '../reports/data-quality.js';
import type { StatisticsReport } from '../reports/statistics.js';
import type { StatusReport } from '../reports/status-report.js';
import { osloTime, type Lang } from '../reports/words.js';
import type { Instant } from '@fagsign/domain';
import { causeLabels, statusLabels, text } from './labels.js';
import { formatCell, type Sheet } from './sheet.js';
import { attentionSheet, byTypeSheet, contractsSheet, dataQualitySheet, ordersSheet, statusSheet } from './sheets.js';
import { escapeHtml, stackedBars, type Series } from './svg.js';

export interface HtmlReport {
  /** The title and heading; by default "fagsign report – <scope> – <time>" from `scope` and `asOf`. */
  readonly title?: string;
  /** What the report covers, by name: an office, a county, or (both null) every county. */
  readonly scope?: { readonly county: string | null; readonly office: string | null };
  /** When the report was made (Oslo time in the title). */
  readonly asOf?: Instant;
  readonly statistics?: StatisticsReport;
  readonly status?: StatusReport;
  readonly attention?: AttentionReport;
  readonly dataQuality?: DataQualityReport;
}

const contractSeries = (lang: Lang): Series[] => [
  { label: statusLabels['signed-electronically'][lang], color: '#1b7f3b' },
  { label: statusLabels['signed-manually'][lang], color: '#7fbf7f' },
  { label: statusLabels['in-signing'][lang], color: '#2f6db5' },
  { label: statusLabels.registered[lang], color: '#b0b7c0' },
  { label: statusLabels['order-ended'][lang], color: '#d9822b' },
];

const causeColors = ['#c0392b', '#e67e22', '#f1c40f', '#8e44ad', '#d35400', '#7f8c8d', '#2c3e50', '#16a085', '#e74c3c', '#95a5a6', '#bdc3c7', '#5d6d7e'];

/** Office names, prefixed by the county where the report spans more than one. */
const officeLabels = (report: StatisticsReport) => {
  const many = report.counties.length > 1;
  return report.counties.flatMap((c) => c.offices.map((o) => ({ label: many ? `${o.office} (${c.county})` : o.office, office: o })));
};

export const charts = (report: StatisticsReport, lang: Lang): string => {
  const offices = officeLabels(report);
  const contracts = stackedBars({
    id: 'chart-contracts',
    title: text.chartTitle[lang],
    series: contractSeries(lang),
    rows: offices.map(({ label, office: o }) => ({
      label,
      values: [o.contracts.signedElectronically, o.contracts.signedManually, o.contracts.inSigning, o.contracts.awaitingReview, o.contracts.needsNewOrder],
    })),
  });
  const causes = failureCauses.filter((c) => (report.totals.failures[c] ?? 0) > 0);
  const failures =
    causes.length === 0
      ? `<p class="none">${escapeHtml(text.failuresTitle[lang])}: 0</p>`
      : stackedBars({
          id: 'chart-failures',
          title: text.failuresTitle[lang],
          series: causes.map((c) => ({ label: causeLabels[c][lang], color: causeColors[failureCauses.indexOf(c)]! })),
          rows: offices.map(({ label, office: o }) => ({ label, values: causes.map((c) => o.failures[c] ?? 0) })),
        });
  return `<figure>${contracts}</figure><figure>${failures}</figure>`;
};

const table = (sheet: Sheet, lang: Lang): string => {
  const head = sheet.columns.map((c) => `<th class="${c.kind}">${escapeHtml(c.label)}</th>`).join('');
  const body = sheet.rows
    .map((row, r) => {
      const cells = row.map((cell, i) => `<td class="${sheet.columns[i]!.kind}">${escapeHtml(formatCell(cell, sheet.columns[i]!.kind, lang))}</td>`).join('');
      return `<tr${sheet.totals?.has(r) === true ? ' class="total"' : ''}>${cells}</tr>`;
    })
    .join('');
  const notes = (sheet.notes ?? []).map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('');
  return `<h2>${escapeHtml(sheet.title)}</h2>${notes}${sheet.rows.length === 0 ? `<p>${escapeHtml(text.nothing[lang])}</p>` : `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`}`;
};

const style = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1d2329}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.85rem}th,td{border-bottom:1px solid #d5d9de;padding:.25rem .5rem;vertical-align:top}
th{text-align:left;background:#f1f3f5}td.count,td.decimal,td.percent,th.count,th.decimal,th.percent{text-align:right}
tr.total td{font-weight:600;border-top:2px solid #8a939c}
svg text{font-size:12px;fill:#1d2329}svg .heading{font-size:14px;font-weight:600}svg .label{text-anchor:end}
svg .value{text-anchor:middle;fill:#fff;font-size:11px}svg .legend{font-size:12px}
figure{margin:1rem 0}
svg.chart{max-width:100%;height:auto}
@page{size:A4 landscape;margin:12mm}
@media print{body{margin:0;font-size:9pt}table{width:100%;font-size:7.5pt;table-layout:auto}th,td{padding:.1rem .25rem;overflow-wrap:anywhere}
thead{display:table-header-group}tr{break-inside:avoid}figure,h2{break-after:avoid}}`;

/** "fagsign-rapport – OKOS, Østfold – 2026-08-20 12:00": what, for whom and when, in the title and the heading. */
const titleOf = (report: HtmlReport, lang: Lang): string => {
  const scope = report.scope === undefined ? undefined : [report.scope.office, report.scope.county].filter((s) => s !== null).join(', ') || text.everyCounty[lang];
  return [text.report[lang], scope, report.asOf === undefined ? undefined : osloTime(report.asOf)].filter((s) => s !== undefined).join(' – ');
};

/** One self-contained HTML file: inline CSS and SVG, no script, and a policy that forbids any fetch. */
export const renderHtml = (report: HtmlReport, lang: Lang): string => {
  const title = report.title ?? titleOf(report, lang);
  const sections: string[] = [];
  if (report.statistics !== undefined) {
    sections.push(`<h2>${escapeHtml(text.statisticsTitle[lang])}</h2>`, charts(report.statistics, lang));
    for (const sheet of [contractsSheet(report.statistics, lang), ordersSheet(report.statistics, lang), byTypeSheet(report.statistics, lang)]) sections.push(table(sheet, lang));
  }
  if (report.attention !== undefined) sections.push(table(attentionSheet(report.attention, lang), lang));
  if (report.status !== undefined) sections.push(table(statusSheet(report.status, lang), lang));
  if (report.dataQuality !== undefined) sections.push(table(dataQualitySheet(report.dataQuality, lang), lang));
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'nb' ? 'nb' : 'en'}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title><style>${style}</style></head>`,
    `<body><h1>${escapeHtml(title)}</h1>${sections.join('\n')}</body></html>`,
    '',
  ].join('\n');
};
