import { contractStreamName, parseContractId, printable } from '@fagsign/domain';
import { causeLabels, contractsProjection, daysLeftWords, foldEvents, followUpLabels, osloTime, personalDataWords, renderJson, signerRoleLabels, statusLabels, statusRow } from '@fagsign/projections';
import { oneOf, parseCommandLine, required } from '../args.js';
import { erasureDatesOf, retentionFromConfig } from '../privacy/retention-config.js';
import { UserError } from '../user-error.js';
import type { Command } from './command.js';
import { nowOf } from './scope-flags.js';

const usage = `Usage: fagsign status CONTRACT_ID --store URL [--format table|json] [--lang nb|en] [--now ISO-TIME] [--config FILE]

  Where one contract's signing stands, and the next step for the clerk. With an encrypted store
  (FAGSIGN_MASTER_KEYS): when its personal data is erased, or was (with --config, fagsign run's
  configuration file, by its privacy.retention policy).`;

const options = {
  store: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  now: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const statusCommand: Command = {
  summary: "one contract's signing status and the next step",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandLine('status', args, options, true);
    if (values.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UserError(`status takes one contract id (got ${positionals.length}). See 'fagsign status --help'.`);
    const contractId = parseContractId(positionals[0]!);
    if (typeof contractId !== 'string') throw new UserError(`Not a contract id: it ${contractId.rule}.`);
    const format = oneOf('format', values.format, ['table', 'json'] as const, 'table');
    const lang = oneOf('lang', values.lang, ['nb', 'en'] as const, 'nb');
    const now = nowOf(values.now, io.now());
    const retention = await retentionFromConfig(values.config);
    const store = await io.openStore(required('store', values.store, 'sqlite:fagsign.db'), { readOnly: true, view: 'projection' });
    try {
      // One stream, read directly: exact, and no need to catch up the whole log for one contract.
      const { events } = await store.readStream(contractStreamName(contractId)).catch((error: unknown) => {
        // A quarantined contract: said as such, not as a crash or as "no contract".
        if ((error as { code?: unknown }).code === 'stored-event-unreadable') throw new UserError(`Contract ${contractId} is left out (quarantined): its stream holds an event that cannot be read. Report it with its contract id.`, 1);
        throw error;
      });
      const state = foldEvents(contractsProjection, events.map((e) => e.event));
      const contract = state.contracts.get(contractId);
      if (contract === undefined) throw new UserError(`No contract ${contractId} in this store.`, 1);
      const office = state.offices.get(contract.office)!;
      const erasure = await erasureDatesOf(store, retention, io.stderr);
      const row = statusRow(contract, now, erasure);
      const erasureWords = personalDataWords(row.personalData);
      if (format === 'json') {
        io.stdout.write(renderJson({ county: office.county, office: office.name, orgNumber: office.orgNumber, ...row }));
        return 0;
      }
      const nb = lang === 'nb';
      const lines: [string, string][] = [
        [nb ? 'Status' : 'Status', statusLabels[row.status][lang]],
        [nb ? 'Kontrakt' : 'Contract', row.contractId],
        [nb ? 'Kontor' : 'Office', `${office.name} (${office.orgNumber}), ${office.county}`],
        ...(row.signatures === null ? [] : [[nb ? 'Signert' : 'Signed', `${row.signatures.signed} / ${row.signatures.total}`] as [string, string]]),
        ...(row.deadline === null ? [] : [[nb ? 'Frist' : 'Deadline', `${osloTime(row.deadline)} (${daysLeftWords(row.deadline, now)[lang]})`] as [string, string]]),
        ...(row.pendingRoles.length === 0 ? [] : [[nb ? 'Venter på' : 'Waiting for', row.pendingRoles.map((r) => signerRoleLabels[r][lang]).join(', ')] as [string, string]]),
        ...(row.lastFailure === null ? [] : [[nb ? 'Siste feil' : 'Last failure', `${causeLabels[row.lastFailure.cause][lang]} (${osloTime(row.lastFailure.at)})`] as [string, string]]),
        ...(row.followUp === null ? [] : [[nb ? 'Arkiv / Vigo' : 'Archive / Vigo', `${followUpLabels[row.followUp.archive][lang]} / ${followUpLabels[row.followUp.vigo][lang]}`] as [string, string]]),
        [nb ? 'Neste steg' : 'Next step', row.nextStep[lang]],
        ...(erasureWords === null ? [] : [[nb ? 'Personopplysninger' : 'Personal data', erasureWords[lang]] as [string, string]]),
      ];
      const width = Math.max(...lines.map(([k]) => k.length));
      // printable: stored text never reaches the terminal as escape codes
      io.stdout.write(lines.map(([k, v]) => `${k.padEnd(width)}  ${printable(v)}`).join('\n') + '\n');
      return 0;
    } finally {
      await store.close();
    }
  },
};
