/*
 * Two runners on one store, as two processes (or a restart overlapping the old process) would run:
 * each has its own connection to the store, and both drive one simulated signing service. The
 * service and the notifier are wrapped to count every createJob per order and every reminder per
 * idempotency key, so a duplicate shows even where the service itself would shrug it off.
 */
import { DateTime } from 'luxon';
import { type ContractEvent, type Instant } from '@fagsign/domain';
import { sampleRegistration } from '@fagsign/domain/testing';
import type { EventStore } from '../store/event-store.js';
import { handle } from '../handling/handle.js';
import { manualClock } from '../provider/simulated/clock.js';
import { createSimulatedProvider } from '../provider/simulated/simulated-provider.js';
import type { SigningProvider } from '../provider/signing-provider.js';
import { createWorkflowRunner, type WorkflowRunner } from './runner.js';
import { simulatedArchive, simulatedNotifier, simulatedVigo } from './simulated-ports.js';
import type { Notifier } from './ports.js';

export const oslo = (local: string): DateTime => DateTime.fromISO(local, { zone: 'Europe/Oslo' });

export const countBy = (keys: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};

/** Runs two runners side by side over a simulated fortnight; answers what the service and the notifier saw. */
export const twoRunnersFortnight = async (open: () => Promise<EventStore<ContractEvent>>, contracts = 30) => {
  const clock = manualClock(oslo('2026-08-03T09:00').toUTC().toISO() as Instant);
  const now = () => DateTime.fromISO(clock.now(), { zone: 'Europe/Oslo' });
  const script = Object.fromEntries(
    Array.from({ length: contracts }, (_, i) => [`TWO-${i}`, { laerling: i % 3 === 0 ? 'needs-reminder' : 'signs', 'faglig-leder': 'signs', 'daglig-leder': 'signs' }]),
  );
  const simulated = createSimulatedProvider({ seed: 11, now: clock.now, script: script as never, polling: { afterEmptySeconds: 300 } });
  const createJobCalls: string[] = [];
  const provider: SigningProvider = {
    name: simulated.name,
    createJob: async (job) => {
      createJobCalls.push(job.orderId);
      return simulated.createJob(job);
    },
    cancelJob: (job) => simulated.cancelJob(job),
    fetchStatusChanges: () => simulated.fetchStatusChanges(),
    confirm: (change) => simulated.confirm(change),
    fetchSignedDocument: (job) => simulated.fetchSignedDocument(job),
  };
  const delivered = simulatedNotifier({ now: clock.now, onDelivered: (orderId, role) => simulated.remind(orderId, role) });
  const reminderCalls: string[] = [];
  const notifier: Notifier = {
    sendReminder: async (message) => {
      reminderCalls.push(message.idempotencyKey);
      return delivered.sendReminder(message);
    },
  };
  const archive = simulatedArchive();
  const vigo = simulatedVigo();
  const stores = [await open(), await open()];
  const runner = (store: EventStore<ContractEvent>, holder: string): WorkflowRunner =>
    createWorkflowRunner({ store, provider, notifier, archive, vigo, name: 'county-runner', lease: { holder, ttlMs: 60_000 } });
  const runners = [runner(stores[0]!, 'A'), runner(stores[1]!, 'B')];
  let running = runners;

  for (let i = 0; i < contracts; i++) {
    const registration = sampleRegistration({ contractId: `TWO-${i}` });
    await handle(stores[0]!, registration.contractId, registration, { now: now() });
    await handle(stores[0]!, registration.contractId, { type: 'CreateOrder' }, { now: now() });
  }
  const end = oslo('2026-08-17T09:00');
  let handedOver = false;
  while (now() < end) {
    // Both at once, as two processes would: whichever holds the lease works, the other waits.
    await Promise.all(running.map((r) => r.runOnce(now())));
    if (!handedOver && now() >= oslo('2026-08-09T12:00')) {
      // The holder stops (a deploy) and releases; the standby takes over at its next try.
      const holder = runners.find((r) => r.status().lease.held)!;
      await holder.release();
      running = runners.filter((r) => r !== holder);
      handedOver = true;
    }
    clock.advanceBy({ minutes: 30 });
  }
  const statuses = runners.map((r) => r.status());
  for (const store of stores) await store.close();
  return { createJobCalls, reminderCalls, statuses, archived: archive.stored.length};
};
