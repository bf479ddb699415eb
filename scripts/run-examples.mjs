#!/usr/bin/env node
// Runs every example with plain node against the built packages and checks what it prints, so an
// example that stops working (or a README quick start that drifts from its file) fails CI.
// Usage: node scripts/run-examples.mjs [EXAMPLES-DIR]   (default: the repository's examples/;
// scripts/check-packed-install.mjs passes a copy beside an npm install of the packed tarballs)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = join(process.argv[2] ?? join(root, 'examples'), 'county-integration');
const examples = {
  'quick-start.mjs': ['Pre-flight problems: 0', 'Contract status: signed-electronically'],
  'promises.mjs': ['order blocked: mobile-invalid, email-shared-mailbox, daglig-leder-missing', 'LK-2026-000102: corrected, order created', 'OrderAlreadyActive', 'startDate must be a real calendar date', 'Signert elektronisk'],
  'fp-ts.mjs': ['LK-2026-000101: OrderCreated', 'LK-2026-000102: PreflightBlocked'],
  'commonjs.cjs': ['CommonJS: OrderCreated'],
};

let failures = 0;
for (const [file, expected] of Object.entries(examples)) {
  const result = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  const missing = expected.filter((line) => !result.stdout.includes(line));
  const ok = result.status === 0 && missing.length === 0;
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} example ${file}${ok ? '' : `\n  exit ${result.status}; missing: ${missing.join(' | ')}\n${result.stderr}`}`);
}

// The README's quick start is the file itself, between the markers.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const block = /<!-- quick-start: examples\/county-integration\/quick-start\.mjs -->\n```js\n([\s\S]*?)```/.exec(readme);
const source = readFileSync(join(dir, 'quick-start.mjs'), 'utf8');
const same = block !== null && block[1] === source;
if (!same) failures++;
console.log(`${same ? 'ok  ' : 'FAIL'} README quick start is examples/county-integration/quick-start.mjs${same ? '' : ' (copy the file into the README block)'}`);

if (failures > 0) process.exit(1);
