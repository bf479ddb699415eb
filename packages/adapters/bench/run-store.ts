/*
 * One store's benchmark, in its own process so that its peak RSS is its own. Started by
 * stores.bench.ts; prints one JSON line with the figures.
 */
import { benchMemory } from './memory.js';
import { benchSqlite } from './sqlite.js';
import { benchPostgres } from './postgres.js';

const which = process.argv[2];
const report = which === 'memory' ? await benchMemory() : which === 'sqlite' ? await benchSqlite() : await benchPostgres();
process.stdout.write(`${JSON.stringify(report)}\n`);
