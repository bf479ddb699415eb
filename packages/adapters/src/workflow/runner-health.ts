import type { Instant } from '@fagsign/domain';
import type { OurFault, WorkKind } from './failure-policy.js';
import type { DegradedReason } from './runner-status.js';
import type { RunnerLogEntry } from './runner-context.js';

/**
 * What one pass (a poll or a tick) saw of each kind of work: faults of ours, and successes. At the
 * end of the pass a kind with a fault is degraded (keeping the time it was first seen), and a kind
 * that only succeeded is healthy again. Judging the whole pass keeps one contract's fault from being
 * hidden by another contract's success in the same run.
 */
export interface Pass {
  /** True when a sender fault earlier in this pass paused this kind of work. */
  paused(work: WorkKind): boolean;
  fault(work: WorkKind, fault: OurFault): void;
  succeeded(work: WorkKind): void;
}

export interface RunnerHealth {
  begin(at: Instant): Pass & { end(): void };
  /** A whole run failed (the store, a bug): degraded until a run succeeds. */
  runFailed(at: Instant, fault: OurFault): void;
  runSucceeded(at: Instant): void;
  polled(at: Instant): void;
  degraded(): DegradedReason[];
  lastSuccessfulPollAt(): Instant | undefined;
}

export const runnerHealth = (log: (entry: RunnerLogEntry) => void): RunnerHealth => {
  const degraded = new Map<WorkKind, DegradedReason>();
  let lastPoll: Instant | undefined;

  const degrade = (at: Instant, work: WorkKind, fault: OurFault) => {
    const known = degraded.get(work);
    if (known?.code === fault.code && known.fault === fault.outcome) return;
    degraded.set(work, { work, code: fault.code, fault: fault.outcome, since: known?.since ?? at, message: fault.message });
    log({ at, step: `degraded:${work}`, outcome: 'failed', code: fault.code });
  };
  const recover = (at: Instant, work: WorkKind) => {
    if (!degraded.delete(work)) return;
    log({ at, step: `recovered:${work}`, outcome: 'done' });
  };

  return {
    begin(at) {
      const faults = new Map<WorkKind, OurFault>();
      const paused = new Set<WorkKind>();
      const ok = new Set<WorkKind>();
      return {
        paused: (work) => paused.has(work),
        fault(work, fault) {
          if (!faults.has(work)) faults.set(work, fault);
          if (fault.outcome === 'sender') paused.add(work);
        },
        succeeded: (work) => void ok.add(work),
        end() {
          for (const [work, fault] of faults) degrade(at, work, fault);
          for (const work of ok) if (!faults.has(work)) recover(at, work);
        },
      };
    },
    runFailed: (at, fault) => degrade(at, 'run', fault),
    runSucceeded: (at) => recover(at, 'run'),
    polled(at) {
      lastPoll = at;
    },
    degraded: () => [...degraded.values()],
    lastSuccessfulPollAt: () => lastPoll,
  };
};
