/*
 * The child process of the lease takeover test: a workflow runner on an SQLite file that takes the
 * lease and keeps working until the test kills it with SIGKILL. Prints `holding` once it holds the lease.
 *
 * Usage: node --import tsx holder.ts <database> <ttl ms>
 */
import type { Instant } from '@fagsign/domain';
import { openSqliteEventStore } from '../../store/sqlite/sqlite-event-store.js';
import { createSimulatedProvider } from '../../provider/simulated/simulated-provider.js';
import { createWorkflowRunner } from '../runner.js';
import { simulatedArchive, simulatedNotifier, simulatedVigo } from '../simulated-ports.js';

const [database, ttl] = process.argv.slice(2) as [string, string];
const now = () => new Date().toISOString() as Instant;
const store = await openSqliteEventStore(database);
const runner = createWorkflowRunner({
  store,
  provider: createSimulatedProvider({ seed: 1, now }),
  notifier: simulatedNotifier({ now }),
  archive: simulatedArchive(),
  vigo: simulatedVigo(),
  name: 'county-runner',
  lease: { holder: `child-${process.pid}`, ttlMs: Number(ttl) },
});
runner.start({ intervalMs: 100 });
const announce = setInterval(() => {
  if (runner.status().lease.held) {
    process.stdout.write('holding\n');
    clearInterval(announce);
  }
}, 20);
