import { processIo, type CommandIo } from './io.js';
import { commands as defaultCommands } from './commands/table.js';
import type { Command } from './commands/command.js';
import { UserError } from './user-error.js';
import { fagsignVersion } from './version.js';

const usage = (commands: Record<string, Command>): string => {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    'Usage: fagsign COMMAND [OPTIONS]   (fagsign --version prints the version)',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'fagsign COMMAND --help' for a command's options.",
  ].join('\n');
};

/**
 * Errors that carry a message meant for the user: ours, the projections' (an unknown office, a
 * newer projection version) and the stores' (an unknown URL, an unreachable database). Their
 * messages never hold personal data, and they are printed as one line, without a stack.
 */
const userFacingCodes = new Set([
  'unknown-scope',
  'newer-projection-version',
  'unknown-store-url',
  'store-unavailable',
  'invalid-checkpoint',
  'stored-event-unreadable',
  'stored-projection-unreadable',
  'snapshot-unreadable',
  'not-a-fagsign-store',
  'store-client-missing',
]);
/** Of those, the ones the user caused and can fix on the command line: exit 2, like a bad flag. */
const usageCodes = new Set(['unknown-scope', 'unknown-store-url']);

const isUserFacing = (error: unknown): error is Error =>
  error instanceof UserError || (error instanceof Error && userFacingCodes.has((error as { code?: unknown }).code as string));

/**
 * Runs `fagsign` with the arguments after the program name and returns the exit code. Never
 * throws and never calls process.exit, so it can be tested in-process and embedded.
 */
export const main = async (argv: readonly string[], io: CommandIo = processIo(), commands: Record<string, Command> = defaultCommands): Promise<number> => {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-V') {
    io.stdout.write(`fagsign ${fagsignVersion}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage(commands)}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    io.stderr.write(`fagsign: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.\n`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (isUserFacing(error)) {
      io.stderr.write(`fagsign ${name}: ${oneLine(error.message)}\n`);
      return error instanceof UserError ? error.exitCode : usageCodes.has((error as { code?: string }).code ?? '') ? 2 : 1;
    }
    // A bug, not a mistake: still one line, with the stack only on request.
    io.stderr.write(`fagsign ${name}: unexpected error: ${oneLine(error instanceof Error ? `${error.name}: ${error.message}` : String(error))} (set FAGSIGN_DEBUG=1 for details)\n`);
    if (process.env.FAGSIGN_DEBUG === '1' && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return 70;
  }
};

const oneLine = (message: string): string => message.split('\n')[0]!.trim();
