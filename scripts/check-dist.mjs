#!/usr/bin/env node
// Proves that every built package loads under plain Node, as ESM and as CommonJS, with the entry
// points its package.json promises. vitest runs the sources, so only this catches a broken build
// (for instance an `fp-ts/function` import that Node's ESM resolver cannot find).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let failures = 0;

for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgPath = join(root, 'packages', dir, 'package.json');
  if (!existsSync(pkgPath)) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target !== 'object') continue;
    const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    const checks = {
      esm: `const m = await import(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error('no exports');`,
      cjs: `const m = require(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error('no exports');`,
    };
    for (const [kind, code] of Object.entries(checks)) {
      const args = kind === 'esm' ? ['--input-type=module', '-e', code] : ['--input-type=commonjs', '-e', code];
      // run from the package's directory so that its own name resolves through node_modules
      const result = spawnSync(process.execPath, args, { cwd: join(root, 'packages', dir), encoding: 'utf8' });
      const ok = result.status === 0;
      if (!ok) failures++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${kind} ${specifier}${ok ? '' : `\n${result.stderr}`}`);
    }
  }
}
// The testing entry must share the main entry's value classes: a mobile number made by the test
// helpers has to be a MobileNumber to decide() and equals(), as a county's own tests would use them.
const sharedClasses = {
  esm: `const d = await import('@fagsign/domain'); const t = await import('@fagsign/domain/testing');
        const m = t.sampleMobile(1); if (!(m instanceof d.MobileNumber) || !m.equals(d.MobileNumber.registered(m.reveal()))) throw new Error('two copies of MobileNumber');`,
  cjs: `const d = require('@fagsign/domain'); const t = require('@fagsign/domain/testing');
        const m = t.sampleMobile(1); if (!(m instanceof d.MobileNumber) || !m.equals(d.MobileNumber.registered(m.reveal()))) throw new Error('two copies of MobileNumber');`,
};
for (const [kind, code] of Object.entries(sharedClasses)) {
  const result = spawnSync(process.execPath, [kind === 'esm' ? '--input-type=module' : '--input-type=commonjs', '-e', code], { cwd: join(root, 'packages', 'domain'), encoding: 'utf8' });
  const ok = result.status === 0;
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${kind} @fagsign/domain/testing shares @fagsign/domain's value classes${ok ? '' : `\n${result.stderr}`}`);
}

if (failures > 0) {
  console.error(`${failures} built entry point(s) do not load under plain node`);
  process.exit(1);
}
