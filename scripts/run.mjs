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

// Every step prints how long it took, so a slow part of `npm test` (and of CI) shows in the log.
const timings = [];
// `quiet`: the step's output is shown only when it fails (the demo shows the demo, not the build).
let quiet = false;
const run = (command, args, options = {}) => {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', maxBuffer: 256 * 1024 * 1024, ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const step = `${command === 'npx' ? args.slice(2).join(' ') : `${command} ${args.join(' ')}`}`.slice(0, 70);
  timings.push(`${seconds.padStart(7)} s  ${step}`);
  if (!quiet) console.log(`-- ${step}: ${seconds} s`);
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
};
process.on('exit', () => {
  if (timings.length > 1 && task === 'test') console.log(`\nnode scripts/run.mjs ${process.argv.slice(2).join(' ')} on Node ${process.version}, step by step:\n${timings.join('\n')}`);
});
const pnpm = (...args) => run('npx', ['--yes', packageManager, ...args]);

const [task, ...rest] = process.argv.slice(2);

const install = () => {
  pnpm('install', '--frozen-lockfile', '--reporter=append-only');
  ensureSqliteBuilt();
};
// better-sqlite3 is compiled for one Node.js at install time; after a switch of Node versions (or
// a CI run on another Node) it is compiled again for the one running now.
const ensureSqliteBuilt = () => {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: join(root, 'packages/adapters'), encoding: 'utf8' });
  if (probe.status !== 0) pnpm('-r', 'rebuild', 'better-sqlite3');
};
const build = () => pnpm('-r', '--filter', './packages/**', 'build');

switch (task) {
  case 'test':
    install();
    build();
    pnpm('-r', '--filter', './packages/**', 'exec', 'tsc', '-p', 'tsconfig.json');
    pnpm('exec', 'typedoc', '--emit', 'none'); // every export documented (typedoc.json); `npm run docs` writes docs/api
    // the default reporter, then a summary of what was skipped and why (scripts/test-summary.mjs)
    pnpm('exec', 'vitest', 'run', '--reporter=default', '--reporter=./scripts/test-summary.mjs', ...rest);
    run('node', ['scripts/check-dist.mjs']);
    if (existsSync(join(root, 'scripts/run-examples.mjs'))) run('node', ['scripts/run-examples.mjs']);
    break;
  case 'demo':
    quiet = true;
    if (!existsSync(join(root, 'node_modules/.pnpm'))) install();
    else ensureSqliteBuilt();
    build();
    quiet = false;
    run('node', [existsSync(join(root, 'packages/cli/bin/fagsign.js')) ? 'packages/cli/bin/fagsign.js' : 'examples/pilot-stories/index.mjs', 'demo', ...rest]);
    break;
  default:
    console.error('usage: node scripts/run.mjs test|demo [args]');
    process.exit(2);
}
