import type { EventStore, RunnerStatus } from '@fagsign/adapters';
import type { ContractEvent } from '@fagsign/domain';
import type { Readiness } from '../health/http-server.js';
import { kindOf } from '../health/metrics.js';

const storeCheckMs = 2000;

/**
 * Whether this process is doing its work, and if not, why: the store answers (a cheap read of the
 * read model's snapshot row), this process holds the runner's lease (a standby is alive but not
 * ready: a load balancer or an operator should look at the holder), and no work is degraded.
 */
export const readinessOf = async (input: { readonly stopping: boolean; readonly started: boolean; readonly store: EventStore<ContractEvent>; readonly status: RunnerStatus }): Promise<Readiness & Record<string, unknown>> => {
  const reasons: string[] = [];
  if (input.stopping) reasons.push('stopping');
  if (!input.started) reasons.push('starting: the contracts read model is catching up');
  const storeProblem = await storeReachable(input.store);
  if (storeProblem !== undefined) reasons.push(`store unreachable (${storeProblem})`);
  const { status } = input;
  if (!status.lease.held) reasons.push("standby: another process holds the runner's lease");
  for (const d of status.degraded) reasons.push(`degraded: ${d.work} paused since ${d.since} (${d.code}, ${d.fault === 'sender' ? "the county's side" : 'our side'}): ${d.message}`);
  return {
    ready: reasons.length === 0,
    reasons,
    lease: status.lease,
    degraded: status.degraded,
    lastSuccessfulPollAt: status.lastSuccessfulPollAt ?? null,
    lag: status.lag ?? null,
    quarantined: status.quarantined.length,
  };
};

const storeReachable = async (store: EventStore<ContractEvent>): Promise<string | undefined> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      store.loadProjection('contracts'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'timeout' })), storeCheckMs);
      }),
    ]);
    return undefined;
  } catch (error) {
    return kindOf(error);
  } finally {
    clearTimeout(timer);
  }
};
