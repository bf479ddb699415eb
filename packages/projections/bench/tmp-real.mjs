import { contractsProjection, statistics } from '@fagsign/projections';
import { catchUpProjection, openSqliteEventStore } from '@fagsign/adapters';
const store = await openSqliteEventStore('/tmp/fagsign-projections-bench-1000000.sqlite');
let t = process.hrtime.bigint();
const result = await catchUpProjection(store, contractsProjection, { save: false, fromScratch: true, batchSize: Number(process.env.PAGE ?? 1000) });
const s1 = Number(process.hrtime.bigint() - t) / 1e9;
const m1 = process.resourceUsage().maxRSS / 1024;
statistics(result.state);
console.log('catchUp', s1.toFixed(2), 'rss', m1.toFixed(0), 'heap', (globalThis.gc?.(), process.memoryUsage().heapUsed/1e6).toFixed(0));
