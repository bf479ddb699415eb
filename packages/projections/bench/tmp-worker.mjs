import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { contractsProjection } from '@fagsign/projections';
import { contractEventSerializer } from '@fagsign/adapters';
const sqlitePath = createRequire(import.meta.resolve('@fagsign/adapters')).resolve('better-sqlite3');
const mode = process.argv[2] ?? 'rows';
const code = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const db = new Database(workerData.file, { readonly: true });
const st = db.prepare('SELECT global_position, stream_name, stream_version, event_type, schema_version, data FROM fagsign_events WHERE global_position > ? ORDER BY global_position LIMIT ?').raw();
parentPort.on('message', ({ after, limit }) => {
  const rows = st.all(after, limit);
  if (workerData.mode === 'rows') parentPort.postMessage(rows);
  else {
    const n = rows.length, pos = new Float64Array(n), ver = new Int32Array(n), sv = new Int32Array(n), streams = new Array(n), types = new Array(n), data = new Array(n);
    for (let i = 0; i < n; i++) { const r = rows[i]; pos[i] = r[0]; streams[i] = r[1]; ver[i] = r[2]; types[i] = r[3]; sv[i] = r[4]; data[i] = r[5]; }
    parentPort.postMessage({ pos, ver, sv, streams, types, json: '[' + data.join(',') + ']' }, [pos.buffer, ver.buffer, sv.buffer]);
  }
});`;
const worker = new Worker(code, { eval: true, workerData: { sqlitePath, file: '/tmp/fagsign-projections-bench-1000000.sqlite', mode } });
const pending = [];
worker.on('message', (m) => pending.shift()(m));
const ask = (after) => new Promise((resolve) => { pending.push(resolve); worker.postMessage({ after, limit: 1000 }); });
const dec = contractEventSerializer.decodeForProjection;
const state = contractsProjection.initialState();
const apply = contractsProjection.apply;
const t = performance.now();
let n = 0, after = 0, next = ask(0);
let waited = 0;
for (;;) {
  const w0 = performance.now(); const page = await next; waited += performance.now() - w0;
  if (mode === 'rows') {
    const rows = page;
    if (rows.length === 1000) next = ask(rows[999][0]);
    for (const r of rows) { const d = dec({ type: r[3], schemaVersion: r[4], data: JSON.parse(r[5]) }); if (d._tag === 'Left') throw d.left; apply(state, d.right); }
    n += rows.length; if (rows.length < 1000) break;
  } else {
    const c = page.pos.length;
    if (c === 1000) next = ask(page.pos[999]);
    const datas = JSON.parse(page.json);
    for (let i = 0; i < c; i++) { const d = dec({ type: page.types[i], schemaVersion: page.sv[i], data: datas[i] }); if (d._tag === 'Left') throw d.left; apply(state, d.right); }
    n += c; if (c < 1000) break;
  }
}
const s = (performance.now() - t) / 1000;
console.log(mode, 'waited', (waited/1000).toFixed(2), n, (n / s / 1000).toFixed(0) + 'k/s', s.toFixed(2) + 's', 'rss', (process.resourceUsage().maxRSS / 1024).toFixed(0), state.contracts.size);
await worker.terminate();
