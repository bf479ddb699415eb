import { parseCommandLine, required } from '../args.js';
import { requireMasterKeys } from '../privacy/open-store.js';
import { assertStoreFileExists } from '../store.js';
import { UserError } from '../user-error.js';
import type { Command } from './command.js';

const usage = `Usage: fagsign erase --store URL (--contract ID | --person-from-stdin) --by WHO --reason WHY

  Erases the personal data (names, fødselsnummer, mobile numbers, e-mail addresses) of one contract,
  or of every contract a person is registered in: the contract's data key is deleted and a
  PersonalDataErased fact (who, when, why; no personal data) is recorded in the log. The contract's
  facts, and so every report and count, stay; names read as «slettet» from then on.

  --person-from-stdin reads the person's fødselsnummer or D-nummer from standard input, so it never
  stands on a command line (shell history, the process list). The contracts are found through a
  keyed hash of the number, never the number itself.

  Needs the county's master keys in FAGSIGN_MASTER_KEYS. Erasure does not reach the signing
  service's copy, the archive or backups of the key table taken before (a restored key table is
  cleaned again on open); see docs/privacy.md.`;

const options = {
  store: { type: 'string' },
  contract: { type: 'string' },
  'person-from-stdin': { type: 'boolean' },
  by: { type: 'string' },
  reason: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
};

export const eraseCommand: Command = {
  summary: "erase a contract's or a person's personal data (deletes the contract's key)",
  usage,
  async run(args, io) {
    const { values } = parseCommandLine('erase', args, options);
    if (values.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const url = required('store', values.store, 'sqlite:fagsign.db');
    const by = required('by', values.by, 'kari.saksbehandler');
    const reason = required('reason', values.reason, '"sletteanmodning 2026/31"');
    const byPerson = values['person-from-stdin'] === true;
    if (byPerson === (values.contract !== undefined)) throw new UserError('erase: give either --contract ID or --person-from-stdin.');
    assertStoreFileExists(url);
    const master = await requireMasterKeys();
    const adapters = await import('@fagsign/adapters');
    const store = await adapters.openProtectedEventStore(url, { master });
    try {
      const when = { by, reason, now: io.now().toISOString() as never };
      const results = byPerson
        ? await adapters.erasePerson(store, await readStdin(), when)
        : [await adapters.eraseContract(store, values.contract!, when)];
      for (const r of results) io.stdout.write(`${r.contractId}: ${r.erased ? 'personal data erased' : 'already erased'}\n`);
      if (results.length === 0) io.stdout.write('No contract holds this person.\n');
      return 0;
    } catch (error) {
      if (error instanceof adapters.InvalidAppend) throw new UserError(`erase: ${error.rule}.`, 2);
      throw error;
    } finally {
      await store.close();
    }
  },
};
