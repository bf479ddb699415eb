import { DateTime } from 'luxon';
import type { ContractEvent, PolicyBook, SigningPolicy } from '@fagsign/domain';
import type { HandleOptions } from '../handling/handle.js';
import type { EventStore } from '../store/event-store.js';
import type { SigningProvider } from '../provider/signing-provider.js';
import { placeholderPdf } from '../provider/placeholder-pdf.js';
import { contractIndex } from './contract-index.js';
import { doDueWork, type TickReport } from './due-work.js';
import { poll, type PollReport, type PollState } from './polling.js';
import type { Archive, ContractDocuments, Notifier, VigoPort } from './ports.js';
import type { RunnerLogEntry, Step } from './runner-context.js';
import type { RunnerStatus } from './runner-status.js';

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
  /** Where the runner keeps its checkpoint in the store; one name per runner. */
  readonly name?: string;
  readonly log?: (entry: RunnerLogEntry) => void;
  readonly retry?: HandleOptions['retry'];
}

export interface RunReport {
  readonly poll: PollReport;
  readonly tick: TickReport;
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
  /** Runs `runOnce` every `intervalMs` on the given clock until `stop()`; errors go to `onError` and the loop goes on. */
  start(options?: { readonly intervalMs?: number; readonly clock?: () => DateTime; readonly onError?: (error: unknown) => void }): { stop(): Promise<void> };
  /** What the runner tells an operator about itself: degraded work, the last good poll, its lease, lag and quarantine. */
  status(): RunnerStatus;
}

/**
 * The workflow runner: takes each new order to the signing service, brings back what happened,
 * reminds the day before the deadline, expires what ran out, retries after an outage on the next
 * working day, and archives and reports what was signed. Every step is a command through the
 * decider, so the event log is the only memory; the runner can be killed at any moment and started
 * again (see runner.crash.int.spec.ts).
 */
export const createWorkflowRunner = (options: WorkflowRunnerOptions): WorkflowRunner => {
  const index = contractIndex(options.store, options.name ?? 'workflow-runner');
  const pollState: PollState = { nextPollAt: undefined, drainedAt: undefined };
  let loaded: Promise<void> | undefined;
  const ensureLoaded = () => (loaded ??= index.load());

  const stepAt = (now: DateTime): Step => ({
    store: options.store,
    provider: options.provider,
    notifier: options.notifier,
    archive: options.archive,
    vigo: options.vigo,
    documents: options.documents ?? ((contract) => placeholderPdf(`${contract.contractType} ${contract.contractId}`)),
    policy: options.policy,
    log: options.log ?? (() => undefined),
    handleOptions: options.retry === undefined ? {} : { retry: options.retry },
    index,
    now,
    drainedAt: pollState.drainedAt,
  });

  const catchUp = async () => {
    await ensureLoaded();
    return index.catchUp();
  };

  const runner: WorkflowRunner = {
    catchUp,
    // A stub until the failure policy and the processor core fill it (issue 9).
    status: () => ({
      degraded: [],
      lastSuccessfulPollAt: undefined,
      lease: { held: true, holder: options.name ?? 'workflow-runner', expiresAt: undefined },
      lag: undefined,
      quarantined: [],
    }),
    async poll(now) {
      await catchUp();
      return poll(stepAt(now), pollState);
    },
    async tick(now) {
      await catchUp();
      return doDueWork(stepAt(now));
    },
    async runOnce(now) {
      const polled = await runner.poll(now);
      const ticked = await runner.tick(now);
      return { poll: polled, tick: ticked };
    },
    start({ intervalMs = 60_000, clock = () => DateTime.now(), onError = () => undefined } = {}) {
      let stopped = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let running: Promise<unknown> = Promise.resolve();
      const loop = () => {
        running = runner
          .runOnce(clock())
          .catch(onError)
          .finally(() => {
            if (!stopped) timer = setTimeout(loop, intervalMs);
          });
      };
      loop();
      return {
        async stop() {
          stopped = true;
          if (timer !== undefined) clearTimeout(timer);
          await running;
        },
      };
    },
  };
  return runner;
};
