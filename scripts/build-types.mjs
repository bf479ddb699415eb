#!/usr/bin/env node
// Declarations with declaration maps, so that go-to-definition in a county's editor lands in our
// sources (shipped in each package's src/), not in a bundled .d.ts. tsup's dts step cannot write
// maps, so tsc writes them: once into dist/types (ESM, like the package), then the same files
// into dist/types-cjs under a {"type":"commonjs"} package.json, so that `require` gets declarations
// that TypeScript reads as CommonJS (as @arethetypeswrong/cli checks). The copies sit at the same
// depth, so the maps' relative paths to src/ hold for both.
// Run in a package's directory, after tsup: node ../../scripts/build-types.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist/types', { recursive: true, force: true });
rmSync('dist/types-cjs', { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
cpSync('dist/types', 'dist/types-cjs', { recursive: true });
writeFileSync('dist/types-cjs/package.json', '{ "type": "commonjs" }\n');
