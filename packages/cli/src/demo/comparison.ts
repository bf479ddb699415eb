import { causeLabels, failureCauses, type Figures, type Lang, type Sheet, type StatisticsReport } from '@fagsign/projections';

const w = (nb: string, en: string) => ({ nb, en });

const text = {
  title: w('Piloten slik den gikk, og med fagsigns forsvar (simulert)', 'The pilot as it happened, and with fagsign\'s defences (simulated)'),
  measure: w('Mål', 'Measure'),
  pilot: w('Slik det gikk', 'As it happened'),
  fagsign: w('Med fagsign', 'With fagsign'),
  change: w('Endring', 'Change'),
  ordersCreated: w('Signeringsoppdrag opprettet', 'Signing orders created'),
  ordersFailed: w('Oppdrag som feilet, gikk ut eller ble avbrutt', 'Orders failed, expired or cancelled'),
  resigned: w('Nye oppdrag etter feil', 'New orders after a failure'),
  manual: w('Manuelle kontrakter', 'Manual (paper) contracts'),
  electronic: w('Signert elektronisk', 'Signed electronically'),
  inSigning: w('Ute til signering', 'Out for signing'),
  daysMedian: w('Dager til signatur, median', 'Days to signature, median'),
  daysP90: w('Dager til signatur, 90-persentil', 'Days to signature, 90th percentile'),
  reminders: w('Påminnelser sendt', 'Reminders sent'),
  cause: (label: string) => w(`  herav: ${label.toLowerCase()}`, `  of which: ${label.toLowerCase()}`),
};

const failed = (f: Figures): number => Object.values(f.failures).reduce((sum, n) => sum + (n ?? 0), 0);

/**
 * The argument a county needs: the same contracts, signers and outages run twice, once with the
 * pilot's policy and habits and once with fagsign's pre-flight check, 14-day validity, reminder
 * and automatic retry. Every figure comes from the two runs' statistics; none is written in.
 */
export const comparisonSheet = (asItHappened: StatisticsReport, withFagsign: StatisticsReport, lang: Lang): Sheet => {
  const a = asItHappened.totals;
  const b = withFagsign.totals;
  const rows: [string, number | null, number | null, 'count' | 'days'][] = [
    [text.ordersCreated[lang], a.orders.created, b.orders.created, 'count'],
    [text.ordersFailed[lang], failed(a), failed(b), 'count'],
    ...failureCauses
      .filter((c) => (a.failures[c] ?? 0) + (b.failures[c] ?? 0) > 0)
      .map((c): [string, number, number, 'count'] => [text.cause(causeLabels[c][lang])[lang], a.failures[c] ?? 0, b.failures[c] ?? 0, 'count']),
    [text.resigned[lang], a.orders.resigned, b.orders.resigned, 'count'],
    [text.manual[lang], a.contracts.signedManually, b.contracts.signedManually, 'count'],
    [text.electronic[lang], a.contracts.signedElectronically, b.contracts.signedElectronically, 'count'],
    [text.inSigning[lang], a.contracts.inSigning, b.contracts.inSigning, 'count'],
    [text.reminders[lang], a.remindersSent, b.remindersSent, 'count'],
    [text.daysMedian[lang], a.daysToSign.median, b.daysToSign.median, 'days'],
    [text.daysP90[lang], a.daysToSign.p90, b.daysToSign.p90, 'days'],
  ];
  return {
    title: text.title[lang],
    columns: [
      { label: text.measure[lang], kind: 'text' },
      { label: text.pilot[lang], kind: 'text' },
      { label: text.fagsign[lang], kind: 'text' },
      { label: text.change[lang], kind: 'text' },
    ],
    rows: rows.map(([label, x, y, kind]) => [
      label,
      number(x, kind, lang, false),
      number(y, kind, lang, false),
      x === null || y === null ? '–' : number(y - x, kind, lang, true),
    ]),
  };
};

/** Counts as whole numbers, days with one decimal (a decimal comma in bokmål), a change with its sign. */
const number = (n: number | null, kind: 'count' | 'days', lang: Lang, signed: boolean): string => {
  if (n === null) return '–';
  const body = kind === 'count' ? String(Math.abs(Math.round(n))) : Math.abs(n).toFixed(1);
  const sign = n < 0 ? '−' : signed && n > 0 ? '+' : '';
  const text = `${sign}${body}`;
  return lang === 'nb' ? text.replace('.', ',') : text;
};
