import { catchUp, projectionsByName } from '@fagsign/projections';
import { parseCommandLine, required } from '../args.js';
import { progressBar } from '../progress-bar.js';
import { UserError } from '../user-error.js';
import type { Command } from './command.js';

const usage = `Usage: fagsign rebuild --store URL [--projection NAME]

  Folds the whole event log again into a projection (every one, or NAME: ${Object.keys(projectionsByName).join(', ')})
  and saves it with its checkpoint. Shows a progress bar on a terminal; prints nothing otherwise.`;

const options = {
  store: { type: 'string' },
  projection: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const rebuildCommand: Command = {
  summary: 'rebuild projections from the start of the event log',
  usage,
  async run(args, io) {
    const { values } = parseCommandLine('rebuild', args, options);
    if (values.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const names = values.projection === undefined ? Object.keys(projectionsByName) : [values.projection];
    for (const name of names) {
      if (projectionsByName[name] === undefined) {
        throw new UserError(`Unknown projection "${name}": fagsign keeps ${Object.keys(projectionsByName).join(', ')}.`);
      }
    }
    const store = await io.openStore(required('store', values.store, 'sqlite:fagsign.db'));
    try {
      for (const name of names) {
        const bar = progressBar(io.stderr);
        const result = await catchUp(store, projectionsByName[name]!, { fromScratch: true, ...(bar.update === undefined ? {} : { onProgress: bar.update }) });
        bar.end();
        if (io.stderr.isTTY === true) io.stderr.write(`${name}: ${result.events.toLocaleString('nb-NO')} events folded and saved.\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
