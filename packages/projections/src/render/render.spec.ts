import { describe, expect, it } from 'vitest';
import { instantOf } from '@fagsign/domain';
import { osloTime } from '../reports/words.js';
import { maxLabelChars, stackedBars } from './svg.js';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { pilotHistory } from '../testing/pilot.js';
import { attention } from '../reports/attention.js';
import { dataQuality } from '../reports/data-quality.js';
import { statistics } from '../reports/statistics.js';
import { statusReport } from '../reports/status-report.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { statisticsSheet, statusSheet } from './sheets.js';
import { renderTable } from './table.js';
import type { Sheet } from './sheet.js';

const history = pilotHistory();
const state = foldEvents(contractsProjection, history.events);
const now = instantOf(history.now);

describe('CSV for Excel', () => {
  const csv = renderCsv(statisticsSheet(statistics(state), 'nb'), 'nb');

  it('starts with a UTF-8 byte-order mark, separates with ; and ends lines with CRLF', () => {
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(csv.slice(1).replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines[0]!.split(';').slice(0, 5)).toEqual(['Fylke', 'Kontor', 'Org.nr.', 'Registrert', 'Til kontroll']);
    // every row has as many fields as the heading
    for (const line of lines.slice(0, -1)) expect(line.split(';').length).toBe(lines[0]!.split(';').length);
  });

  it('keeps æøå as UTF-8 and writes decimals with a comma in bokmål, a point in English', () => {
    expect(Buffer.from(csv, 'utf8').includes(Buffer.from('Opplæringskontoret i Grenland', 'utf8'))).toBe(true);
    expect(csv).toContain('Østfold');
    const grenland = csv.split('\r\n').find((l) => l.includes('Grenland'))!.split(';');
    expect(grenland).toContain('15,2');
    const english = renderCsv(statisticsSheet(statistics(state), 'en'), 'en');
    expect(english.split('\r\n').find((l) => l.includes('Grenland'))!.split(';')).toContain('15.2');
  });

  it('quotes fields holding ; or quotes or line breaks, and defuses text that Excel would run as a formula', () => {
    const sheet: Sheet = {
      title: 't',
      columns: [{ label: 'a;b', kind: 'text' }, { label: 'n', kind: 'decimal' }],
      rows: [
        ['Kontor "Nord"; Vest', 1.25],
        ['=HYPERLINK("x")', -2],
        ['to\nlinjer', null],
      ],
    };
    expect(renderCsv(sheet, 'nb')).toBe('\uFEFF"a;b";n\r\n"Kontor ""Nord""; Vest";1,3\r\n"\'=HYPERLINK(""x"")";-2,0\r\n"to\nlinjer";\r\n');
  });
});

describe('the terminal table', () => {
  it('aligns columns, right-aligns numbers and sets the sums apart', () => {
    const table = renderTable(statisticsSheet(statistics(state), 'en'), 'en');
    const lines = table.split('\n');
    expect(lines[0]).toBe('Statistics per county and office');
    const header = lines[2]!;
    const bilfag = lines.find((l) => l.startsWith('Telemark  OK Bilfag'))!;
    // the registered count ends where its heading ends
    const end = header.indexOf('Registered') + 'Registered'.length;
    expect(bilfag.slice(end - 'Registered'.length, end)).toBe('         4');
    expect(lines.filter((l) => /^─+/.test(l)).length).toBe(1 + 3);
  });

  it('puts the signing status in the first column of the status report and wraps the next step', () => {
    const table = renderTable(statusSheet(statusReport(state, { county: 'Østfold' }, now), 'nb'), 'nb');
    const lines = table.split('\n');
    expect(lines[2]!.startsWith('Status')).toBe(true);
    expect(lines[4]!.startsWith('Til signering')).toBe(true);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThan(260);
  });
});

describe('JSON', () => {
  it('is the report object itself, pretty-printed', () => {
    const report = statistics(state);
    expect(JSON.parse(renderJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('the HTML file', () => {
  const html = renderHtml({ statistics: statistics(state), status: statusReport(state, {}, now), attention: attention(state, {}, now), dataQuality: dataQuality(state) }, 'nb');

  it('is self-contained: no script, no external link, a policy that forbids fetching', () => {
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('<html lang="nb">');
    expect(html.match(/<svg /g)).toHaveLength(2);
  });

  it('escapes what it prints', () => {
    const tricky = renderHtml({ title: '<b>Kontor & "Co"</b>' }, 'en');
    expect(tricky).toContain('<title>&lt;b&gt;Kontor &amp; &quot;Co&quot;&lt;/b&gt;</title>');
  });

  it('labels in English on request', () => {
    const english = renderHtml({ statistics: statistics(state) }, 'en');
    expect(english).toContain('Signed electronically');
    expect(english).toContain('Failed orders by cause');
    expect(english).not.toContain('Signert elektronisk');
  });
});

describe('the terminal table, second line of defence', () => {
  it('never prints a control or bidi-override character, whatever a cell holds', () => {
    const sheet: Sheet = {
      title: 'Kontor \u001B]0;owned\u0007',
      columns: [{ label: 'Kontor', kind: 'text' }, { label: 'Antall', kind: 'count' }],
      rows: [['OK \u001B[2J\u001B[31mBilfag\u009B \u202Eevil', 3]],
    };
    const table = renderTable(sheet, 'nb');
    expect(table).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(table).toContain('OK \uFFFD[2J\uFFFD[31mBilfag\uFFFD \uFFFDevil');
  });
});

describe('the HTML report, to the letter', () => {
  const report = statistics(state);

  it('carries county, scope and date in its title and heading', () => {
    const html = renderHtml({ statistics: report, scope: { county: 'Østfold', office: 'OKOS' }, asOf: now }, 'nb');
    const title = `fagsign-rapport – OKOS, Østfold – ${osloTime(now)}`;
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(renderHtml({ statistics: report, scope: { county: null, office: null }, asOf: now }, 'en')).toContain(`<h1>fagsign report – all counties – ${osloTime(now)}</h1>`);
  });

  it('never cuts a chart label: a long office name is shortened with "…" and keeps its full name on hover', () => {
    const long = 'Opplæringskontoret for offentlig sektor i Østfold og omegn';
    const html = stackedBars({ id: 'c', title: 't', series: [{ label: 's', color: '#000' }], rows: [{ label: long, values: [3] }, { label: 'OKOS', values: [1] }] });
    const labels = [...html.matchAll(/<text[^>]*class="label">(.*?)<\/text>/g)].map((m) => m[1]!);
    expect(labels).toEqual([`${[...long].slice(0, maxLabelChars - 1).join('').trimEnd()}…`, 'OKOS']);
    expect(html).toContain(`<g class="row-label"><title>${long}</title>`);
    for (const label of labels) expect([...label].length).toBeLessThanOrEqual(maxLabelChars);
  });

  it('prints its tables on A4 landscape', () => {
    const html = renderHtml({ statistics: report }, 'nb');
    expect(html).toContain('@page{size:A4 landscape');
    expect(html).toMatch(/@media print\{[^]*table\{width:100%/);
  });
});
