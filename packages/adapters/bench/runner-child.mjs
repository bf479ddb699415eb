// One cold start of the runner bench (runner.bench.ts), in plain Node on the built packages, so its
// peak RSS is the runner's and not a TypeScript loader's. Usage: node runner-child.mjs <file> <runner|baseline>
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
} else {
  const states = new Map();
  for await (const recorded of store.readAll({ batchSize: 1000 })) {
    states.set(recorded.streamName, evolve(states.get(recorded.streamName) ?? initialState, recorded.event));
    events++;
  }
  held = states.size;
  kept = states;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// Resident memory after the cold start: what the process goes on holding, once garbage is collected.
globalThis.gc();
const { rss, heapUsed } = process.memoryUsage();
const rssAfterMb = rss / 1024 / 1024;
const heapUsedMb = heapUsed / 1024 / 1024;
await store.close();
process.stdout.write(JSON.stringify({ rate: events / seconds, events, held: kept === undefined ? 0 : held, rssAfterMb, heapUsedMb, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
