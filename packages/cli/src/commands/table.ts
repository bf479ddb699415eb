import type { Command } from './command.js';
import { demoCommand } from '../demo/demo-command.js';
import { copyCommand } from './copy.js';
import { eraseCommand } from './erase.js';
import { retentionCommand } from './retention.js';
import { rebuildCommand } from './rebuild.js';
import { quarantineCommand } from './quarantine.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { statusCommand } from './status.js';
import { verifyCommand } from './verify.js';

/** Every `fagsign` subcommand, by name, in the order `fagsign --help` lists them. */
export const commands: Record<string, Command> = {
  demo: demoCommand,
  report: reportCommand,
  rebuild: rebuildCommand,
  status: statusCommand,
  copy: copyCommand,
  run: runCommand,
  quarantine: quarantineCommand,
  verify: verifyCommand,
  erase: eraseCommand,
  retention: retentionCommand,
};
