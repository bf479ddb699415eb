import { catchUpProjection, checkpointStoreOf, type ProjectionSource } from '@fagsign/adapters';
import { projectionsByName } from '@fagsign/projections';
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

/**
 * A pointer whose stored text is not JSON would stop even a rebuild from scratch; it is only
 * advice (which version took over), so it is reset and the rebuild writes it anew: in the
 * checkpoint store, where it is kept now, and where saveProjection kept it before.
 */
const resetUnreadablePointer = async (store: ProjectionSource, name: string, version: number): Promise<void> => {
  const unreadable = (error: unknown): boolean => {
    if ((error as { code?: string }).code !== 'stored-projection-unreadable') throw error;
    return true;
  };
  const checkpoints = checkpointStoreOf(store);
  if (await store.loadProjection(name).then(() => false, unreadable)) await store.saveProjection(name, { version, checkpoint: undefined, state: null });
  if (await checkpoints.load(name).then(() => false, unreadable)) await checkpoints.save(name, { checkpoint: undefined, state: null });
};

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
      // own keys only: `--projection __proto__` or `constructor` names no projection
      if (!Object.hasOwn(projectionsByName, name)) {
        throw new UserError(`Unknown projection "${name}": fagsign keeps ${Object.keys(projectionsByName).join(', ')}.`);
      }
    }
    const store = await io.openStore(required('store', values.store, 'sqlite:fagsign.db'), { view: 'projection' });
    try {
      for (const name of names) {
        await resetUnreadablePointer(store, name, projectionsByName[name]!.version);
        const bar = progressBar(io.stderr);
        const result = await catchUpProjection(store, projectionsByName[name]!, { fromScratch: true, ...(bar.update === undefined ? {} : { onProgress: bar.update }) });
        bar.end();
        if (io.stderr.isTTY === true) io.stderr.write(`${name}: ${result.events.toLocaleString('nb-NO')} events folded and saved.\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
