import { parseCommandLine, required } from '../args.js';
import type { Command } from './command.js';

const usage = `Usage: fagsign run --config FILE

  Runs the workflow runner as a service: takes orders to the signing service, polls, reminds,
  expires, archives and reports to Vigo, until SIGTERM or SIGINT. FILE is a .json file or a .js/.mjs
  module (for documents, notifier, archive, Vigo). Logs are JSON lines on stdout; health and
  Prometheus metrics on http://127.0.0.1:9464 unless configured. See docs/operations.md.

  Exit codes: 0 stopped cleanly; 1 could not start, or did not stop within shutdown.graceSeconds;
  2 the configuration was refused (every problem listed); 143 a second SIGTERM/SIGINT.`;

const options = { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export const runCommand: Command = {
  summary: 'run the workflow as a service (configuration, logs, health, metrics)',
  usage,
  async run(args, io) {
    const { values } = parseCommandLine('run', args, options);
    if (values.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const config = required('config', values.config, 'fagsign.json');
    // Loaded only for this command: `fagsign report` need not load pino or prom-client.
    const { runService } = await import('@fagsign/service');
    return runService(config, { stderr: io.stderr });
  },
};
