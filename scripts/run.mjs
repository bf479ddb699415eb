#!/usr/bin/env node
// The two commands a newcomer runs with nothing but Node.js and npm:
//   npm run demo   installs what is missing, builds, and runs the pilot demo on the embedded store
//   npm test       installs, builds, type-checks, runs every test, then checks the built packages
//                  and the examples with plain node (ESM and CommonJS)
// pnpm comes through npx, pinned to the version in package.json's packageManager field.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const run = (command, args, options = {}) => {
  const { onFailure, ...spawnOptions } = options;
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', maxBuffer: 256 * 1024 * 1024, ...spawnOptions });
  if (result.status !== 0) {
    onFailure?.(result);
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
};
const pnpm = (...args) => run('npx', ['--yes', packageManager, ...args]);
/** Runs quietly: the output is shown only when the step fails (the demo shows the demo, not the build). */
const quietly = (command, args) => run(command, args, { stdio: ['ignore', 'pipe', 'pipe'], onFailure: (result) => process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`) });

const [task, ...rest] = process.argv.slice(2);

const install = () => pnpm('install', '--frozen-lockfile', '--reporter=append-only');
const build = () => pnpm('-r', '--filter', './packages/**', 'build');

switch (task) {
  case 'test':
    install();
    build();
    pnpm('-r', '--filter', './packages/**', 'exec', 'tsc', '-p', 'tsconfig.json');
    // the default reporter, then a summary of what was skipped and why (scripts/test-summary.mjs)
    pnpm('exec', 'vitest', 'run', '--reporter=default', '--reporter=./scripts/test-summary.mjs', ...rest);
    run('node', ['scripts/check-dist.mjs']);
    if (existsSync(join(root, 'scripts/run-examples.mjs'))) run('node', ['scripts/run-examples.mjs']);
    break;
  case 'demo':
    if (!existsSync(join(root, 'node_modules/.pnpm'))) quietly('npx', ['--yes', packageManager, 'install', '--frozen-lockfile', '--reporter=append-only']);
    quietly('npx', ['--yes', packageManager, '-r', '--filter', './packages/**', 'build']);
    run('node', [existsSync(join(root, 'packages/cli/bin/fagsign.js')) ? 'packages/cli/bin/fagsign.js' : 'examples/pilot-stories/index.mjs', 'demo', ...rest]);
    break;
  default:
    console.error('usage: node scripts/run.mjs test|demo [args]');
    process.exit(2);
}
