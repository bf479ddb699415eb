import { parseCommandLine, required } from '../args.js';
import { requireMasterKeys } from '../privacy/open-store.js';
import { retentionFromConfig } from '../privacy/retention-config.js';
import { assertStoreFileExists } from '../store.js';
import { UserError } from '../user-error.js';
import type { Command } from './command.js';

const usage = `Usage: fagsign retention --store URL (--config FILE | --signed MONTHS --withdrawn MONTHS --unsigned MONTHS) [--erase-due]

  Shows, for every ended contract, when its personal data will be erased under the county's
  retention policy (months after the contract was signed and archived, or signed on paper; was
  withdrawn; or ended unsigned), and which were erased already. Open contracts are not listed:
  their time has not started. With --erase-due, erases every contract whose day has come (what the
  workflow runner's retention step does on each tick). --config FILE takes the policy from fagsign
  run's configuration (privacy.retention), the one the service erases by. Needs FAGSIGN_MASTER_KEYS.`;

const options = {
  store: { type: 'string' },
  config: { type: 'string' },
  signed: { type: 'string' },
  withdrawn: { type: 'string' },
  unsigned: { type: 'string' },
  'erase-due': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const months = (flag: string, value: string | undefined): number => {
  const text = required(flag, value, '12');
  if (!/^\d{1,3}$/.test(text) || Number(text) > 240) throw new UserError(`--${flag} must be a whole number of months from 0 to 240.`);
  return Number(text);
};

const policyOfFlags = (values: { signed?: string | undefined; withdrawn?: string | undefined; unsigned?: string | undefined }) => ({
  signedAndArchivedMonths: months('signed', values.signed),
  withdrawnMonths: months('withdrawn', values.withdrawn),
  endedUnsignedMonths: months('unsigned', values.unsigned),
});

const endLabels = { 'signed-and-archived': 'signert', withdrawn: 'trukket', 'ended-unsigned': 'avsluttet usignert' } as const;

export const retentionCommand: Command = {
  summary: "show when each ended contract's personal data will be erased; --erase-due erases what is due",
  usage,
  async run(args, io) {
    const { values } = parseCommandLine('retention', args, options);
    if (values.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const url = required('store', values.store, 'sqlite:fagsign.db');
    const policy = values.config === undefined ? policyOfFlags(values) : await retentionFromConfig(values.config);
    if (policy === undefined) throw new UserError('--config: the file has no privacy.retention policy.');
    assertStoreFileExists(url);
    const master = await requireMasterKeys();
    const adapters = await import('@fagsign/adapters');
    const store = await adapters.openProtectedEventStore(url, { master });
    try {
      const now = io.now().toISOString() as never;
      if (values['erase-due'] === true) {
        const erased = await adapters.eraseDue(store, policy, now);
        io.stdout.write(`${erased.length} contracts erased.\n`);
      }
      const schedule = await adapters.retentionSchedule(store, policy);
      io.stdout.write(`${'Kontrakt'.padEnd(24)}  ${'Avsluttet'.padEnd(18)}  ${'Dato'.padEnd(10)}  Slettes\n`);
      for (const e of schedule) {
        io.stdout.write(`${e.contractId.padEnd(24)}  ${endLabels[e.end].padEnd(18)}  ${adapters.osloDay(e.endedAt)}  ${e.erased ? 'slettet' : adapters.osloDay(e.eraseFrom)}\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
