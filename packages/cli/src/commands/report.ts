import { catchUpProjection } from '@fagsign/adapters';
import {
  attention,
  attentionSheet,
  byTypeSheet,
  leftOutNote,
  contractsProjection,
  contractsSheet,
  dataQuality,
  dataQualitySheet,
  ordersSheet,
  renderCsv,
  renderHtml,
  renderJson,
  renderTables,
  resolveScope,
  statisticsSheet,
  statistics,
  statusReport,
  statusSheet,
  type ContractsState,
  type Lang,
  type PersonalDataErasure,
  type Scope,
  type Sheet,
} from '@fagsign/projections';
import type { Instant } from '@fagsign/domain';
import { oneOf, parseCommandLine, required } from '../args.js';
import type { CommandIo } from '../io.js';
import { erasureDatesOf, retentionFromConfig } from '../privacy/retention-config.js';
import { UserError } from '../user-error.js';
import type { Command } from './command.js';
import { nowOf } from './scope-flags.js';

const formats = ['table', 'csv', 'json', 'html'] as const;
const reports = ['statistics', 'status', 'attention', 'quality', 'all'] as const;
type Format = (typeof formats)[number];
type ReportName = (typeof reports)[number];

const usage = `Usage: fagsign report --store URL [--county C] [--office O] [--report ${reports.join('|')}]
                      [--format ${formats.join('|')}] [--lang nb|en] [--now ISO-TIME] [--config FILE]
                      [--out FILE [--force]]

  --store    the event store: sqlite:PATH, postgres://…, esdb://… or memory:
  --county   one county, by name or number (Telemark, 40)
  --office   one training office, by organisation number or name
  --report   statistics (default), status (a row per contract), attention (what needs a person
             today), quality (contact-data problems per office), or all of them
  --format   table (default), csv (for Excel), json, or html (one file with charts)
  --lang     nb (default) or en
  --now      the time the status and attention reports are computed for (default: now)
  --config   fagsign run's configuration file: with an encrypted store (FAGSIGN_MASTER_KEYS), the
             status report says when each ended contract's personal data is erased under its
             privacy.retention policy; without it, only which were erased and when
  --out      write to FILE instead of the terminal (a new file; never the store or another database)
  --force    replace FILE if it exists

  Only reads: the store is opened read-only and nothing is saved in it.`;

const options = {
  store: { type: 'string' },
  county: { type: 'string' },
  office: { type: 'string' },
  report: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  now: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Reports {
  readonly state: ContractsState;
  readonly scope: Scope;
  readonly now: Instant;
  /** Contract ids left out of the read model (quarantined): said in the report, never silently omitted. */
  readonly leftOut?: readonly string[];
  /** An encrypted store's erasure dates: the status report then says when each contract's personal data is erased. */
  readonly erasure?: ReadonlyMap<string, PersonalDataErasure>;
}

const statisticsOf = (r: Reports) => statistics(r.state, r.scope);
const statusOf = (r: Reports) => statusReport(r.state, r.scope, r.now, r.erasure);
const attentionOf = (r: Reports) => attention(r.state, r.scope, r.now);
const qualityOf = (r: Reports) => dataQuality(r.state, r.scope);

const sheetsOf = (name: ReportName, r: Reports, lang: Lang): Sheet[] => {
  const stats = name === 'statistics' || name === 'all' ? statisticsOf(r) : undefined;
  return [
    ...(stats === undefined ? [] : [contractsSheet(stats, lang), ordersSheet(stats, lang), byTypeSheet(stats, lang)]),
    ...(name === 'attention' || name === 'all' ? [attentionSheet(attentionOf(r), lang)] : []),
    ...(name === 'status' || name === 'all' ? [statusSheet(statusOf(r), lang)] : []),
    ...(name === 'quality' || name === 'all' ? [dataQualitySheet(qualityOf(r), lang)] : []),
  ];
};

/** The scope by name, for the HTML title: the office as registered, the county. */
const scopeNames = (r: Reports) => ({
  county: r.scope.county ?? null,
  office: r.scope.office === undefined ? null : ([...r.state.offices.values()].find((o) => o.orgNumber === r.scope.office)?.name ?? r.scope.office),
});

/** The report in the chosen format; JSON of `statistics` is the documented shape, others their own objects. */
export const renderReport = (name: ReportName, format: Format, r: Reports, lang: Lang): string => {
  switch (format) {
    case 'table':
      return renderTables(sheetsOf(name, r, lang), lang, r.leftOut);
    case 'csv': {
      const sheet =
        name === 'statistics' ? statisticsSheet(statisticsOf(r), lang)
        : name === 'status' ? statusSheet(statusOf(r), lang)
        : name === 'attention' ? attentionSheet(attentionOf(r), lang)
        : name === 'quality' ? dataQualitySheet(qualityOf(r), lang)
        : undefined;
      if (sheet === undefined) throw new UserError('A CSV file holds one report: choose --report statistics, status, attention or quality.');
      return renderCsv(sheet, lang);
    }
    case 'json':
      return renderJson(
        name === 'statistics' ? statisticsOf(r)
        : name === 'status' ? statusOf(r)
        : name === 'attention' ? attentionOf(r)
        : name === 'quality' ? qualityOf(r)
        : { statistics: statisticsOf(r), attention: attentionOf(r), status: statusOf(r), dataQuality: qualityOf(r) },
      );
    case 'html':
      return renderHtml(
        {
          ...(name === 'statistics' || name === 'all' ? { statistics: statisticsOf(r) } : {}),
          ...(name === 'attention' || name === 'all' ? { attention: attentionOf(r) } : {}),
          ...(name === 'status' || name === 'all' ? { status: statusOf(r) } : {}),
          ...(name === 'quality' || name === 'all' ? { dataQuality: qualityOf(r) } : {}),
          scope: scopeNames(r),
          asOf: r.now,
          ...(r.leftOut === undefined ? {} : { leftOut: r.leftOut }),
        },
        lang,
      );
  }
};

export const reportCommand: Command = {
  summary: 'statistics, the status report, what needs attention and data quality, per county and office',
  usage,
  async run(args, io: CommandIo) {
    const { values } = parseCommandLine('report', args, options);
    if (values.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const format = oneOf('format', values.format, formats, 'table');
    const lang = oneOf('lang', values.lang, ['nb', 'en'] as const, 'nb');
    const name = oneOf('report', values.report, reports, 'statistics');
    const now = nowOf(values.now, io.now());
    if (format === 'csv' && name === 'all') throw new UserError('A CSV file holds one report: choose --report statistics, status, attention or quality.');
    const storeUrl = required('store', values.store, 'sqlite:fagsign.db');
    const retention = await retentionFromConfig(values.config);
    const store = await io.openStore(storeUrl, { readOnly: true, view: 'projection' });
    try {
      // from the last saved snapshot, if any; a report never writes to the store
      const { state, leftOut: left } = await catchUpProjection(store, contractsProjection, { save: false });
      const scope = resolveScope(state, { county: values.county, office: values.office });
      const leftOut = left.map((c) => c.contractId);
      const erasure = name === 'status' || name === 'all' ? await erasureDatesOf(store, retention, io.stderr) : undefined;
      const output = renderReport(name, format, { state, scope, now, leftOut, ...(erasure === undefined ? {} : { erasure }) }, lang);
      // CSV and JSON keep their documented shapes: the left-out contracts are said on stderr.
      if ((format === 'csv' || format === 'json') && leftOut.length > 0) io.stderr.write(`${leftOutNote(leftOut, lang)}\n`);
      if (values.out === undefined) io.stdout.write(output);
      else {
        await io.writeFile(values.out, output, { force: values.force === true, storeUrl });
        io.stdout.write(lang === 'nb' ? `Rapporten er skrevet til ${values.out}\n` : `The report was written to ${values.out}\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
