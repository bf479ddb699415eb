// One cold start of the runner bench (runner.bench.ts), in plain Node on the built packages, so its
// peak RSS is the runner's and not a TypeScript loader's.
// Usage: node --expose-gc runner-child.mjs <file> <runner|baseline|idle>
//   idle: the same-run baseline for memory: a process that loads the packages and opens the store, and reads nothing.
import { evolve, initialState } from '@fagsign/domain';
import { createSimulatedProvider, createWorkflowRunner, openSqliteEventStore, simulatedArchive, simulatedNotifier, simulatedVigo } from '@fagsign/adapters';

const [file, mode] = process.argv.slice(2);
const store = await openSqliteEventStore(file);
const started = process.hrtime.bigint();
let events = 0;
let held = 0;
let kept; // what the process holds after the cold start: the runner, or the baseline's map
if (mode === 'runner') {
  const now = () => new Date().toISOString();
  const runner = createWorkflowRunner({
    store,
    provider: createSimulatedProvider({ seed: 1, now }),
    notifier: simulatedNotifier({ now }),
    archive: simulatedArchive(),
    vigo: simulatedVigo(),
    name: `bench-${process.pid}`,
    lease: { holder: 'bench' },
  });
  events = await runner.catchUp();
  kept = runner;
} else if (mode === 'baseline') {
  const states = new Map();
  for await (const recorded of store.readAll({ batchSize: 1000 })) {
    states.set(recorded.streamName, evolve(states.get(recorded.streamName) ?? initialState, recorded.event));
    events++;
  }
  held = states.size;
  kept = states;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const mb = (bytes) => bytes / 1024 / 1024;
// Resident memory after the cold start, once garbage is collected: right after the GC, and once the
// GC's background threads have handed the freed pages back (they do within ~50 ms; we wait 500).
globalThis.gc();
const rssAtGcMb = mb(process.memoryUsage().rss);
await new Promise((resolve) => setTimeout(resolve, 500));
const { rss, heapUsed } = process.memoryUsage();
await store.close();
process.stdout.write(
  JSON.stringify({ rate: events / seconds, events, held: kept === undefined ? 0 : held, rssAtGcMb, rssAfterMb: mb(rss), heapUsedMb: mb(heapUsed), maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
