import { existsSync, rmSync } from 'node:fs';
import { getInMemoryEventStore, openEventStore, type EventStore, catchUpProjection } from '@fagsign/adapters';
import type { ContractEvent, Instant } from '@fagsign/domain';
import {
  attention,
  contractsProjection,
  contractsSheet,
  dataQuality,
  ordersSheet,
  renderHtml,
  renderTable,
  renderTables,
  statistics,
  statusReport,
  type Lang,
} from '@fagsign/projections';
import { oneOf, parseCommandLine } from '../args.js';
import { UserError } from '../user-error.js';
import { sqlitePathOf } from '../store.js';
import { assertMayWrite } from '../output-file.js';
import type { Command } from '../commands/command.js';
import { comparisonSheet } from './comparison.js';
import { simulatePilot, simulationEnd } from './simulation.js';

const defaultStore = 'sqlite:./fagsign-demo.db';
const defaultHtml = './fagsign-report.html';

const usage = `Usage: fagsign demo [--store URL] [--html FILE] [--lang nb|en]

Replays the Telemark and Østfold pilot through the workflow runner and the simulated signing
service, in simulated time: first as it happened, on the store it leaves behind for
'fagsign report'; then again with fagsign's defences, and prints the two side by side.

  --store   where the pilot as it happened is written (default ${defaultStore}): a new file,
            or a file an earlier demo wrote (it is replaced); any other file is refused, and
            any other store must be empty
  --html    the HTML report with charts (default ${defaultHtml}): a new file or the demo's own
  --lang    nb (default) or en`;

const options = {
  store: { type: 'string' },
  html: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const sqlitePath = (url: string): string | undefined => {
  const path = sqlitePathOf(url);
  return path === '' || path === ':memory:' ? undefined : path;
};

/**
 * What marks a store and an HTML file as the demo's own, by content, not by name: the demo replaces
 * only what it wrote itself, never a county's log that happens to be called fagsign-demo.db.
 */
const demoMarker = 'fagsign-demo';
const htmlMarker = '<meta name="generator" content="fagsign demo">';

/** A new store, or a file an earlier demo marked as its own (replaced); anything else is refused before a byte changes. */
const freshStore = async (url: string): Promise<EventStore<ContractEvent>> => {
  const path = sqlitePath(url);
  if (path !== undefined && existsSync(path)) {
    // read-only: a file that is not a fagsign store is refused here without being touched
    const existing = await openEventStore(url, { readOnly: true });
    const ours = await existing.loadProjection(demoMarker).finally(() => existing.close());
    if (ours === undefined) throw new UserError(`${path} holds an event log the demo did not write; the demo writes only to a new file or its own. Choose another --store.`, 1);
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  const store = await openEventStore(url);
  for await (const _ of store.readAll({ batchSize: 1 })) {
    await store.close();
    throw new UserError('the store already holds events; the demo needs an empty one (or leave out --store)', 1);
  }
  await store.saveProjection(demoMarker, { version: 1, checkpoint: undefined, state: { writtenBy: 'fagsign demo' } });
  return store;
};

export const demoCommand: Command = {
  summary: 'replay the Telemark and Østfold pilot, then again with fagsign’s defences',
  usage,
  async run(args, io) {
    const { values: parsed } = parseCommandLine('demo', args, options);
    if (parsed.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const lang: Lang = oneOf('lang', parsed.lang, ['nb', 'en'] as const, 'nb');
    const storeUrl = parsed.store ?? defaultStore;
    const htmlPath = parsed.html ?? defaultHtml;
    // a PostgreSQL or EventStoreDB URL may hold a password: name only the kind of store
    const storeName = sqlitePath(storeUrl) ?? storeUrl.split(':')[0]!;
    const say = (line = '') => io.stdout.write(`${line}\n`);
    const at = simulationEnd.toUTC().toISO() as Instant;

    // checked before the work: a report is never written over a store or someone else's file
    await assertMayWrite(htmlPath, { ownMarker: htmlMarker, storeUrl });
    const store = await freshStore(storeUrl);
    say(lang === 'nb' ? `Piloten slik den gikk (7 dagers frist, ingen kontroll før utsending, ingen påminnelse) → ${storeName}` : `The pilot as it happened (7-day orders, no pre-flight check, no reminder) → ${storeName}`);
    try {
      await simulatePilot(store, 'as-it-happened');
      const { state } = await catchUpProjection(store, contractsProjection);
      const report = statistics(state);
      say();
      say(renderTables([contractsSheet(report, lang), ordersSheet(report, lang)], lang));
      const html = renderHtml({ statistics: report, status: statusReport(state, {}, at), attention: attention(state, {}, at), dataQuality: dataQuality(state), scope: { county: null, office: null }, asOf: at }, lang);
      await io.writeFile(htmlPath, html.replace('<head>', `<head>\n${htmlMarker}`), { ownMarker: htmlMarker, storeUrl });
      say(lang === 'nb' ? `HTML-rapport: ${htmlPath}` : `HTML report: ${htmlPath}`);

      say();
      say(lang === 'nb' ? 'Den samme piloten med fagsigns forsvar (kontroll før utsending, 14 dagers frist, påminnelse dagen før, automatisk nytt forsøk)…' : "The same pilot with fagsign's defences (pre-flight check, 14-day orders, reminder the day before, automatic retry)…");
      const shadow = getInMemoryEventStore();
      await simulatePilot(shadow, 'with-fagsign');
      const defended = statistics((await catchUpProjection(shadow, contractsProjection, { save: false })).state);
      say();
      say(renderTable(comparisonSheet(report, defended, lang), lang));
      say();
      say(lang === 'nb' ? `Se tallene igjen: npm run fagsign -- report --store ${sqlitePath(storeUrl) ? storeUrl : 'URL'} --format json` : `See the figures again: npm run fagsign -- report --store ${sqlitePath(storeUrl) ? storeUrl : 'URL'} --format json`);
    } finally {
      await store.close();
    }
    return 0;
  },
};
