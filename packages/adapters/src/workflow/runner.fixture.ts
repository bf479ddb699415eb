/*
 * A small simulated world for the runner's tests: a memory store, the simulated signing service on
 * a manual clock, simulated notifier, archive and Vigo, and a runner that can be "restarted" (a new
 * runner over the same store and service, as after a crash).
 */
import { DateTime } from 'luxon';
import { contractStreamName, replay, type ContractCommand, type ContractEvent, type ContractId, type ContractState, type Instant, type PolicyBook, type SigningPolicy } from '@fagsign/domain';
import { sampleRegistration, type SampleContractOptions } from '@fagsign/domain/testing';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import type { EventStore } from '../store/event-store.js';
import { handle } from '../handling/handle.js';
import { manualClock } from '../provider/simulated/clock.js';
import { createSimulatedProvider, type Outage } from '../provider/simulated/simulated-provider.js';
import type { SignerScript } from '../provider/simulated/behaviour.js';
import type { SigningProvider } from '../provider/signing-provider.js';
import { createWorkflowRunner, type WorkflowRunner } from './runner.js';
import type { ContractDocuments } from './ports.js';
import type { RunnerLogEntry } from './runner-context.js';
import { simulatedArchive, simulatedNotifier, simulatedVigo } from './simulated-ports.js';

export interface WorldOptions {
  readonly start: string; // Oslo local time
  readonly seed?: number;
  readonly script?: SignerScript;
  readonly outages?: readonly Outage[];
  readonly policy?: SigningPolicy | PolicyBook;
  readonly archiveFailures?: number;
  readonly duplicateChance?: number;
  /** Wraps the store or the service, to count calls or inject crashes. */
  readonly wrapStore?: (store: EventStore<ContractEvent>) => EventStore<ContractEvent>;
  readonly wrapProvider?: (provider: SigningProvider) => SigningProvider;
  readonly documents?: ContractDocuments;
  readonly log?: (entry: RunnerLogEntry) => void;
}

export const oslo = (local: string): DateTime => DateTime.fromISO(local, { zone: 'Europe/Oslo' });

export const simulatedWorld = (options: WorldOptions) => {
  const clock = manualClock(oslo(options.start).toUTC().toISO() as Instant);
  const now = () => DateTime.fromISO(clock.now(), { zone: 'Europe/Oslo' });
  const baseStore = getInMemoryEventStore();
  const store = options.wrapStore?.(baseStore) ?? baseStore;
  const simulated = createSimulatedProvider({
    seed: options.seed ?? 7,
    now: clock.now,
    ...(options.script ? { script: options.script } : {}),
    ...(options.outages ? { outages: options.outages } : {}),
    ...(options.duplicateChance ? { duplicateChance: options.duplicateChance } : {}),
    polling: { afterEmptySeconds: 300 },
  });
  const provider = options.wrapProvider?.(simulated) ?? simulated;
  const notifier = simulatedNotifier({ now: clock.now, onDelivered: (orderId, role) => simulated.remind(orderId, role) });
  const archive = simulatedArchive({ failures: options.archiveFailures ?? 0 });
  const vigo = simulatedVigo();
  const makeRunner = (): WorkflowRunner =>
    createWorkflowRunner({
      store, provider, notifier, archive, vigo,
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.documents ? { documents: options.documents } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  let runner = makeRunner();

  const world = {
    clock,
    now,
    store,
    simulated,
    notifier,
    archive,
    vigo,
    get runner() {
      return runner;
    },
    /** A new runner over the same store and service, as after the process was killed. */
    restart() {
      runner = makeRunner();
    },
    async command(contractId: ContractId, command: ContractCommand) {
      return handle(store, contractId, command, { now: now(), ...(options.policy ? { policy: options.policy } : {}) });
    },
    async register(contract: Omit<SampleContractOptions, 'contractId'> & { contractId: string }, order = true) {
      const registration = sampleRegistration(contract);
      await world.command(registration.contractId, registration);
      if (order) await world.command(registration.contractId, { type: 'CreateOrder' });
      return registration.contractId;
    },
    async state(contractId: ContractId): Promise<ContractState> {
      const { events } = await baseStore.readStream(contractStreamName(contractId));
      return replay(events.map((e) => e.event));
    },
    async events(contractId: ContractId): Promise<ContractEvent[]> {
      return (await baseStore.readStream(contractStreamName(contractId))).events.map((e) => e.event);
    },
    /** Moves the clock in steps, running the runner at each, until `until` (Oslo local) or `stop` says so. */
    async runUntil(until: string, stepMinutes = 15, stop?: () => Promise<boolean>) {
      const end = oslo(until);
      while (now() < end) {
        await runner.runOnce(now());
        if (stop && (await stop())) return;
        clock.advanceBy({ minutes: stepMinutes });
      }
      await runner.runOnce(now());
    },
  };
  return world;
};
