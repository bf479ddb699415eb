import { snapshotKey } from '@fagsign/adapters';
import { projectionsByName } from '@fagsign/projections';
import { parseCommandLine, required } from '../args.js';
import { assertStoreFileExists } from '../store.js';
import type { Command } from './command.js';

const usage = `Usage: fagsign verify --store URL

  Checks the event log's integrity without writing anything: versions contiguous in every stream,
  every event's contract id naming its stream, event ids unique, every event readable, checkpoints
  in order, and no saved projection ahead of the log. The log is read as stored: an encrypted log
  is checked without master keys and nothing is decrypted; the erasure ledger
  (fagsign-privacy-erasures) is checked as such. Lists every problem with its position
  (checkpoint, stream and version) and exits 1 when there is one, 0 when the log is whole.`;

const options = {
  store: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const verifyCommand: Command = {
  summary: "check the event log's integrity (read-only) and list every problem",
  usage,
  async run(args, io) {
    const { values } = parseCommandLine('verify', args, options);
    if (values.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const url = required('store', values.store, 'sqlite:fagsign.db');
    assertStoreFileExists(url);
    const { checkpointStoreOf, openStoredForm, verifyStoredLog } = await import('@fagsign/adapters');
    const store = await openStoredForm(url, { readOnly: true });
    try {
      const saved = Object.values(projectionsByName).flatMap((p) => [p.name, snapshotKey(p)]);
      const { events, streams, problems } = await verifyStoredLog(store, saved, checkpointStoreOf(store));
      for (const p of problems) io.stdout.write(`${p.position}\t${p.kind}\t${p.message}\n`);
      if (problems.length === 0) {
        io.stdout.write(`The log is whole: ${events} events in ${streams} streams.\n`);
        return 0;
      }
      io.stderr.write(`fagsign verify: ${problems.length} problem(s) in ${events} events; the log must not be used until they are understood.\n`);
      return 1;
    } finally {
      await store.close();
    }
  },
};
