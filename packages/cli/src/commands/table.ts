import type { Command } from './command.js';
import { rebuildCommand } from './rebuild.js';
import { reportCommand } from './report.js';
import { statusCommand } from './status.js';

/**
 * Every `fagsign` subcommand, by name, in the order `fagsign --help` lists them.
 *
 * `demo` (the pilot replayed against the simulated signing service) is the lead's: add it here,
 * as `demo: demoCommand`, with a `Command` from `./demo.js`. `main` needs no other change.
 */
export const commands: Record<string, Command> = {
  report: reportCommand,
  rebuild: rebuildCommand,
  status: statusCommand,
};
