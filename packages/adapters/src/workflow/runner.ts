import { hostname } from 'node:os';
import { eraseDue, type RetentionPolicy } from '../privacy/retention.js';
import type { ErasureResult } from '../privacy/erasure.js';
import { DateTime } from 'luxon';
import { instantOf, type ContractEvent, type Instant, type PolicyBook, type SigningPolicy } from '@fagsign/domain';
import type { HandleOptions } from '../handling/handle.js';
import type { EventStore } from '../store/event-store.js';
import type { SigningProvider } from '../provider/signing-provider.js';
import { placeholderPdf } from '../provider/placeholder-pdf.js';
import { contractIndex } from './contract-index.js';
import { doDueWork, emptyReport, type TickReport } from './due-work.js';
import type { CheckpointStore } from '../processing/checkpoint-store.js';
import { checkpointStoreOf } from '../processing/checkpoint-stores.js';
import { defaultLeaseTtlMs, processLease, type LeaseSettings } from '../processing/lease.js';
import { createProcessor } from '../processing/processor.js';
import { fencedPort } from './fenced.js';
import type { QuarantinedContract, RunnerStatus } from './runner-status.js';
import { poll, type PollReport, type PollState } from './polling.js';
import type { Archive, ContractDocuments, Notifier, VigoPort } from './ports.js';
import type { RunnerLogEntry, Step } from './runner-context.js';
import { runFault } from './failure-policy.js';
import { runnerHealth, type Pass } from './runner-health.js';

export interface WorkflowRunnerOptions {
  readonly store: EventStore<ContractEvent>;
  readonly provider: SigningProvider;
  readonly notifier: Notifier;
  readonly archive: Archive;
  readonly vigo: VigoPort;
  /** The contract PDF for an order; a placeholder page with the contract id when left out (demo and tests). */
  readonly documents?: ContractDocuments;
  /** One policy, or one per county; `defaultPolicy` when left out. */
  readonly policy?: SigningPolicy | PolicyBook;
  /** The runner's processor name: its checkpoint and its lease are kept under it. One name per county's runner. */
  readonly name?: string;
  /**
   * One holder at a time: the lease's life (default 30 s) and who this process is (default
   * `<hostname>/<pid>`). A second runner with the same name waits as a standby and takes over
   * within `ttlMs + ttlMs / 3` after the holder dies, at its next try after the holder stops.
   */
  readonly lease?: LeaseSettings;
  /** Where the checkpoint and lease are kept; default: the store's own (a table in SQLite and PostgreSQL). */
  readonly checkpoints?: CheckpointStore;
  /** Events read per page when catching up (default 1000). */
  readonly pageSize?: number;
  readonly log?: (entry: RunnerLogEntry) => void;
  readonly retry?: HandleOptions['retry'];
  /** The county's retention policy: each run erases the personal data that is due (needs a store opened with encryption). */
  readonly retention?: RetentionPolicy;
}

export interface RunReport {
  readonly poll: PollReport;
  readonly tick: TickReport;
  /** Contracts set aside because their stream holds an event that cannot be read: left out of the work until repaired. */
  readonly quarantined: readonly QuarantinedContract[];
  /** Contracts whose personal data this run erased under the retention policy (only with `retention`). */
  readonly erased?: readonly ErasureResult[];
}

export interface WorkflowRunner {
  /** Folds what was appended since the last call (new contracts, new orders, clerks' corrections). */
  catchUp(): Promise<number>;
  /** Fetches and records the signing service's status changes, then confirms them. */
  poll(now: DateTime): Promise<PollReport>;
  /** Does what is due at `now`: sends new orders, retries, reminders, expiries, archive and Vigo steps. */
  tick(now: DateTime): Promise<TickReport>;
  /** catchUp, poll, tick: status changes first, so a signature made before a deadline is in before the order expires. */
  runOnce(now: DateTime): Promise<RunReport>;
  /**
   * Runs `runOnce` every `intervalMs` on the given clock until `stop()`; a run that fails is logged,
   * shows in `status().degraded` (work `run`) until a run succeeds, goes to `onError`, and the loop
   * goes on. A standby (another process holds the lease) tries again every `ttlMs / 3`. `stop()`
   * releases the lease, so a standby takes over at its next try.
   */
  start(options?: {
    readonly intervalMs?: number;
    readonly clock?: () => DateTime;
    readonly onError?: (error: unknown) => void;
    /** Called with each run's report (a standby's runs too, with empty reports), for logs. */
    readonly onRun?: (report: RunReport) => void;
  }): { stop(): Promise<void> };
  /** The runner's report on itself: what is degraded and why, the last successful poll, its lease, its lag, the contracts set aside. */
  status(): RunnerStatus;
  /** Gives up the lease now (a standby need not wait for it to expire). */
  release(): Promise<void>;
}

const isoOf = (ms: number): Instant => new Date(ms).toISOString() as Instant;

/**
 * The workflow runner: takes each new order to the signing service, brings back what happened,
 * reminds the day before the deadline, expires what ran out, retries after an outage on the next
 * working day, and archives and reports what was signed. Every step is a command through the
 * decider, so the event log is the only memory; the runner can be killed at any moment and started
 * again (see runner.crash.int.spec.ts).
 */
export const createWorkflowRunner = (options: WorkflowRunnerOptions): WorkflowRunner => {
  const name = options.name ?? 'workflow-runner';
  const checkpoints = options.checkpoints ?? checkpointStoreOf(options.store);
  const lease = processLease(checkpoints, name, options.lease?.holder ?? `${hostname()}/${process.pid}`, options.lease?.ttlMs ?? defaultLeaseTtlMs);
  const processor = createProcessor({ name, log: options.store, checkpoints, lease, ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }) });
  const newIndex = () => contractIndex(options.store, processor, () => new Date().toISOString() as Instant);
  let index = newIndex();
  const log = options.log ?? (() => undefined);
  const health = runnerHealth(log);
  const pollState: PollState = { nextPollAt: undefined, drainedAt: undefined };
  let loaded: Promise<void> | undefined;
  const ensureLoaded = () => (loaded ??= index.load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  }));
  // Every outside call and every append checks the lease first (see fenced.ts).
  const store = fencedPort(options.store, lease, ['appendToStream']);
  const provider = fencedPort(options.provider, lease);
  const notifier = fencedPort(options.notifier, lease);
  const archive = fencedPort(options.archive, lease);
  const vigo = fencedPort(options.vigo, lease);

  const stepAt = (now: DateTime, pass: Pass): Step => ({
    store,
    provider,
    notifier,
    archive,
    vigo,
    documents: options.documents ?? ((contract) => placeholderPdf(`${contract.contractType} ${contract.contractId}`)),
    policy: options.policy,
    log,
    handleOptions: options.retry === undefined ? {} : { retry: options.retry },
    index,
    now,
    pass,
    drainedAt: pollState.drainedAt,
  });

  /** Catches up when this process holds the lease; a standby does nothing and answers false. */
  const catchUpIfHolder = async (): Promise<number | false> => {
    const heldAlready = lease.view().held;
    if (!(await lease.hold())) return false;
    if (!heldAlready && loaded !== undefined) {
      // The lease lapsed or was given up and is taken again: another holder, or a person releasing a
      // quarantined contract, may have saved state meanwhile. Start from what is saved, as a restart does.
      index = newIndex();
      loaded = undefined;
    }
    await ensureLoaded();
    return index.catchUp();
  };

  /** One pass of work, by the lease holder only; what it saw of faults and successes updates the degraded state when it ends. */
  const inPass = async <T>(now: DateTime, standby: T, work: (step: Step) => Promise<T>): Promise<T> => {
    if ((await catchUpIfHolder()) === false) return standby;
    const pass = health.begin(instantOf(now));
    try {
      return await work(stepAt(now, pass));
    } finally {
      pass.end();
    }
  };

  const runner: WorkflowRunner = {
    catchUp: async () => (await catchUpIfHolder()) || 0,
    poll: (now) => inPass(now, { changes: 0, events: 0 }, (step) => poll(step, pollState, (at) => health.polled(at))),
    tick: (now) => inPass(now, emptyReport(), doDueWork),
    async runOnce(now) {
      try {
        const polled = await runner.poll(now);
        const ticked = await runner.tick(now);
        // retention is a step of the holder only, like every other outside effect
        const erased = options.retention !== undefined && lease.view().held ? await eraseDue(options.store, options.retention, instantOf(now)) : undefined;
        health.runSucceeded(instantOf(now));
        return { poll: polled, tick: ticked, quarantined: index.quarantined(), ...(erased === undefined ? {} : { erased }) };
      } catch (error) {
        // The store, a lost lease, or a bug: nothing was blamed on any order; the next run starts again.
        health.runFailed(instantOf(now), runFault(error));
        throw error;
      }
    },
    start({ intervalMs = 60_000, clock = () => DateTime.now(), onError = () => undefined, onRun = () => undefined } = {}) {
      let stopped = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let running: Promise<unknown> = Promise.resolve();
      const loop = () => {
        running = runner
          .runOnce(clock())
          .then(onRun)
          .catch(onError)
          .finally(() => {
            if (!stopped) timer = setTimeout(loop, lease.view().held ? intervalMs : Math.min(intervalMs, lease.ttlMs / 3));
          });
      };
      loop();
      // Between runs the holder keeps its lease alive, so a standby takes over only when this process
      // dies or stops, not whenever the interval is longer than the lease's life.
      const keepAlive = setInterval(() => {
        if (lease.view().held) lease.hold().catch(() => undefined);
      }, lease.ttlMs / 3);
      keepAlive.unref();
      return {
        async stop() {
          stopped = true;
          clearInterval(keepAlive);
          if (timer !== undefined) clearTimeout(timer);
          await running;
          await lease.release();
        },
      };
    },
    status() {
      const held = lease.view();
      return {
        degraded: health.degraded(),
        lastSuccessfulPollAt: health.lastSuccessfulPollAt(),
        lease: { held: held.held, holder: held.holder || lease.holder, expiresAt: held.expiresAt === undefined ? undefined : isoOf(held.expiresAt) },
        lag: processor.lag,
        quarantined: index.quarantined(),
      };
    },
    release: () => lease.release(),
  };
  return runner;
};
