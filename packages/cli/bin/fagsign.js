#!/usr/bin/env node
// The `fagsign` command. Build first (`npx tsup` in packages/cli); from the repository root, `npm run fagsign -- ARGS`.
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2));
