import { parseContractId } from '@fagsign/domain';
import { parseCommandLine, required } from '../args.js';
import { UserError } from '../user-error.js';
import type { Command } from './command.js';

const usage = `Usage: fagsign quarantine --store URL [--runner NAME] [--release CONTRACT_ID]

  Lists the contracts the workflow runner has set aside (quarantined) because their stream holds an
  event that cannot be read: the runner leaves them out and goes on with the others.

  --release CONTRACT_ID  after the stream has been repaired, takes the contract out of the
                         quarantine: the runner reads its whole stream again when it next starts.
                         Stop the runner first (it holds a lease while it runs). The event log is
                         only read, never changed: the release edits the runner's saved state.
  --runner NAME          the runner's name (runner.name in the service's configuration;
                         default workflow-runner).`;

const options = {
  store: { type: 'string' },
  runner: { type: 'string' },
  release: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const quarantineCommand: Command = {
  summary: "list the contracts the runner set aside; --release one after its stream was repaired",
  usage,
  async run(args, io) {
    const { values } = parseCommandLine('quarantine', args, options);
    if (values.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const url = required('store', values.store, 'sqlite:fagsign.db');
    const release = values.release === undefined ? undefined : parseContractId(values.release);
    if (typeof release === 'object') throw new UserError(`--release needs a contract id: it ${release.rule}.`);
    const adapters = await import('@fagsign/adapters');
    const store = await io.openStore(url, { readOnly: release === undefined });
    const runner = values.runner === undefined ? {} : { name: values.runner };
    try {
      // The CLI's store is an EventStore of the adapters (its CliStore view names only what reports need).
      const events = store as unknown as Parameters<typeof adapters.quarantinedContracts>[0];
      if (release !== undefined) {
        try {
          await adapters.releaseFromQuarantine(events, release, runner);
        } catch (error) {
          if (error instanceof adapters.QuarantineReleaseRefused) throw new UserError(`${error.message}. Nothing was changed.`, 1);
          throw error;
        }
        io.stdout.write(`Contract ${release} released from the quarantine; the runner reads its stream again when it next starts. The event log was not changed.\n`);
        return 0;
      }
      const quarantined = await adapters.quarantinedContracts(events, runner);
      if (quarantined.length === 0) {
        io.stdout.write('No contract is quarantined.\n');
        return 0;
      }
      io.stdout.write(`${'Kontrakt'.padEnd(24)}  ${'Grunn'.padEnd(26)}  Satt til side\n`);
      for (const q of quarantined) io.stdout.write(`${q.contractId.padEnd(24)}  ${q.reason.padEnd(26)}  ${q.since}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
