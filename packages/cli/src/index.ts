export { main } from './main.js';
export { commands } from './commands/table.js';
export { type Command } from './commands/command.js';
export { type CommandIo, processIo } from './io.js';
export { UserError } from './user-error.js';
export { progressLine } from './progress-bar.js';
export { renderReport } from './commands/report.js';
