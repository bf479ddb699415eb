import type { CommandIo } from '../io.js';

/** A `fagsign` subcommand: `run` returns the exit code; a UserError it throws becomes one line on stderr. */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], io: CommandIo): Promise<number>;
}
