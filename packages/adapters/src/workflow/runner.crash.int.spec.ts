/*
 * The runner killed at each step and started again: it never creates a second job for an order,
 * never loses a signature, and never sends a reminder or archives twice. A crash is an exception
 * thrown from the store or the signing service at one chosen moment (before or after the real
 * call), after which the test throws the runner away and starts a new one over the same store
 * and service, as a process restart would.
 */
import { describe, expect, it } from 'vitest';
import type { ContractEvent, EventType } from '@fagsign/domain';
import type { EventStore } from '../store/event-store.js';
import type { SigningProvider } from '../provider/signing-provider.js';
import { UnknownJob } from '../provider/errors/unknown-job.js';
import { simulatedWorld } from './runner.fixture.js';

class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

type Moment = 'before' | 'after';
interface CrashPlan {
  readonly target: 'append' | 'confirm' | 'save-checkpoint' | 'fetch-signed-document';
  readonly eventType?: EventType;
  readonly moment: Moment;
}

const crashingStore = (store: EventStore<ContractEvent>, plan: CrashPlan, crashed: () => void): EventStore<ContractEvent> => {
  let armed = true;
  return {
    kind: store.kind,
    async appendToStream(streamName, events, options) {
      if (armed && plan.target === 'append' && events.some((e) => e.event.type === plan.eventType)) {
        armed = false;
        crashed();
        if (plan.moment === 'after') await store.appendToStream(streamName, events, options);
        throw new SimulatedCrash(`killed ${plan.moment} appending ${plan.eventType}`);
      }
      return store.appendToStream(streamName, events, options);
    },
    readStream: (streamName, options) => store.readStream(streamName, options),
    readAll: (options) => store.readAll(options),
    readAllPages: (options) => store.readAllPages(options),
    subscribe: (options) => store.subscribe(options),
    loadProjection: (name) => store.loadProjection(name),
    async saveProjection(name, snapshot) {
      if (armed && plan.target === 'save-checkpoint') {
        armed = false;
        crashed();
        if (plan.moment === 'after') await store.saveProjection(name, snapshot);
        throw new SimulatedCrash(`killed ${plan.moment} saving the checkpoint`);
      }
      return store.saveProjection(name, snapshot);
    },
    close: () => store.close(),
  };
};

const crashingProvider = (
  provider: SigningProvider,
  plan: CrashPlan,
  crashed: () => void,
  created: () => void,
): SigningProvider => {
  let armed = true;
  return {
    name: provider.name,
    async createJob(job) {
      const result = await provider.createJob(job);
      if (result.created) created();
      return result;
    },
    cancelJob: (job) => provider.cancelJob(job),
    fetchStatusChanges: () => provider.fetchStatusChanges(),
    async confirm(change) {
      if (armed && plan.target === 'confirm') {
        armed = false;
        crashed();
        if (plan.moment === 'after') await provider.confirm(change);
        throw new SimulatedCrash(`killed ${plan.moment} confirming a status change`);
      }
      return provider.confirm(change);
    },
    async fetchSignedDocument(job) {
      if (armed && plan.target === 'fetch-signed-document') {
        armed = false;
        crashed();
        if (plan.moment === 'after') await provider.fetchSignedDocument(job);
        throw new SimulatedCrash(`killed ${plan.moment} fetching the signed document`);
      }
      return provider.fetchSignedDocument(job);
    },
  };
};

/** Like Posten without long-term storage: once a job's final status is confirmed, its documents are gone. */
const forgettingConfirmed = (provider: SigningProvider, confirmedUnstored: () => void, isStored: () => boolean): SigningProvider => {
  const confirmedJobs = new Set<string>();
  return {
    ...provider,
    async confirm(change) {
      if (change.jobStatus === 'COMPLETED_SUCCESSFULLY') {
        if (!isStored()) confirmedUnstored();
        await provider.confirm(change);
        confirmedJobs.add(change.providerJobId);
        return;
      }
      return provider.confirm(change);
    },
    async fetchSignedDocument(job) {
      if (confirmedJobs.has(job.providerJobId)) throw new UnknownJob(job.providerJobId);
      return provider.fetchSignedDocument(job);
    },
  };
};

const plans: [string, CrashPlan][] = [
  ['after the service created the job, before OrderAccepted is appended', { target: 'append', eventType: 'OrderAccepted', moment: 'before' }],
  ['after OrderAccepted is appended', { target: 'append', eventType: 'OrderAccepted', moment: 'after' }],
  ['while a signature is appended (the change is not confirmed)', { target: 'append', eventType: 'SignerSigned', moment: 'before' }],
  ['after a signature is appended, before the change is confirmed', { target: 'append', eventType: 'SignerSigned', moment: 'after' }],
  ['before a status change is confirmed', { target: 'confirm', moment: 'before' }],
  ['after a status change is confirmed', { target: 'confirm', moment: 'after' }],
  ['after the reminder went out, before ReminderSent is appended', { target: 'append', eventType: 'ReminderSent', moment: 'before' }],
  ['after the last signature completed the contract', { target: 'append', eventType: 'ContractSignedElectronically', moment: 'after' }],
  ['after the archive stored the document, before it is recorded', { target: 'append', eventType: 'SignedDocumentArchived', moment: 'before' }],
  ['after the signed document was fetched, before it is stored or the change confirmed', { target: 'fetch-signed-document', moment: 'after' }],
  ['after the archive stored the document and it is recorded, before the completing change is confirmed', { target: 'append', eventType: 'SignedDocumentArchived', moment: 'after' }],
  ['while the runner saves its checkpoint', { target: 'save-checkpoint', moment: 'before' }],
  ['after the runner saved its checkpoint', { target: 'save-checkpoint', moment: 'after' }],
];

describe('workflow runner killed and restarted', () => {
  it.each(plans)('%s: one job per order, no lost signature, one reminder, one archive entry, no completion confirmed before its PDF is stored', async (_name, plan) => {
    let crashes = 0;
    let jobsCreated = 0;
    let confirmedUnstored = 0;
    const world: ReturnType<typeof simulatedWorld> = simulatedWorld({
      start: '2026-08-03T09:00',
      script: { 'CR-1': { laerling: 'needs-reminder', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } },
      wrapStore: (store) => crashingStore(store, plan, () => crashes++),
      wrapProvider: (provider) =>
        crashingProvider(
          forgettingConfirmed(provider, () => confirmedUnstored++, () => world.archive.stored.length > 0),
          plan,
          () => crashes++,
          () => jobsCreated++,
        ),
    });
    const id = await world.register({ contractId: 'CR-1' });

    const done = async () => (await world.state(id)).followUp?.vigo.done === true && (await world.state(id)).followUp?.archive.done === true;
    for (let guard = 0; guard < 4000 && !(await done()); guard++) {
      try {
        await world.runner.runOnce(world.now());
        world.clock.advanceBy({ minutes: 30 });
      } catch (error) {
        if (!(error instanceof SimulatedCrash)) throw error;
        world.restart();
      }
    }

    expect(crashes).toBe(1);
    expect(jobsCreated).toBe(1);
    const events = await world.events(id);
    const count = (type: EventType) => events.filter((e) => e.type === type).length;
    expect(count('OrderAccepted')).toBe(1);
    expect(count('SignerSigned')).toBe(3);
    expect(count('ContractSignedElectronically')).toBe(1);
    expect(count('ReminderSent')).toBe(1);
    expect(world.notifier.sent.map((s) => s.role)).toEqual(['laerling']);
    expect(world.archive.stored).toHaveLength(1);
    expect(world.archive.stored[0]!.bytes).toBeGreaterThan(0);
    expect(confirmedUnstored).toBe(0);
    expect(world.vigo.reported).toHaveLength(1);
    const state = await world.state(id);
    expect(state.orders).toHaveLength(1);
    expect(state.orders[0]!.providerJobId).toBe(world.simulated.job(state.orders[0]!.orderId)!.providerJobId);
  });
});
