import type { RunnerStatus, SigningProvider } from '@fagsign/adapters';
import type { ContractsState } from '@fagsign/projections';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricSources {
  readonly runnerStatus: () => RunnerStatus;
  /** The contracts read model as followed live; undefined before its first catch-up. */
  readonly contracts: () => ContractsState | undefined;
  /** The service's clock in ms (the accelerated one with the simulated provider). */
  readonly now: () => number;
}

export interface ServiceMetrics {
  readonly registry: Registry;
  /** Wraps the signing provider so that every call and every error (by kind) is counted. */
  countCalls(provider: SigningProvider): SigningProvider;
  /** An error that reached the runner's loop (the run went on). */
  loopError(kind: string): void;
}

/** A short kind for an error: its code when it has a clean one, else its class name. */
export const kindOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(code)) return code;
  return error instanceof Error ? error.name : 'unknown';
};

/**
 * The Prometheus metrics of `fagsign run`. Counts of orders, contracts and reminders come from the
 * contracts read model (the event log), so they survive a restart and agree with the reports;
 * provider calls are counted as they happen; lease, lag, degraded work and quarantine are read
 * from the runner's status(). An unknown value (no successful poll yet, lag before the first
 * catch-up) is NaN, which Prometheus reads as "no value", rather than a misleading 0.
 */
export const createMetrics = (sources: MetricSources): ServiceMetrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fagsign_' });

  new Gauge({
    name: 'fagsign_orders',
    help: 'Signing orders by county and order status, from the event log',
    labelNames: ['county', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      const state = sources.contracts();
      if (state === undefined) return;
      for (const contract of state.contracts.values()) {
        const county = state.offices.get(contract.office)?.county ?? 'unknown';
        for (const order of contract.orders) this.inc({ county, status: order.status });
      }
    },
  });
  new Gauge({
    name: 'fagsign_contracts',
    help: 'Contracts by county and status, from the event log',
    labelNames: ['county', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      const state = sources.contracts();
      if (state === undefined) return;
      for (const contract of state.contracts.values()) this.inc({ county: state.offices.get(contract.office)?.county ?? 'unknown', status: contract.status });
    },
  });
  new Gauge({
    name: 'fagsign_reminders_sent',
    help: 'Reminders sent to signers the day before the deadline, by county, from the event log',
    labelNames: ['county'],
    registers: [registry],
    collect() {
      this.reset();
      const state = sources.contracts();
      if (state === undefined) return;
      for (const contract of state.contracts.values()) {
        if (contract.remindersSent > 0) this.inc({ county: state.offices.get(contract.office)?.county ?? 'unknown' }, contract.remindersSent);
      }
    },
  });

  const calls = new Counter({ name: 'fagsign_provider_calls_total', help: 'Calls to the signing service, by operation', labelNames: ['operation'], registers: [registry] });
  const errors = new Counter({
    name: 'fagsign_provider_errors_total',
    help: 'Failed calls to the signing service, by operation and kind (http-503, too-many-requests, provider-unauthorised, …)',
    labelNames: ['operation', 'kind'],
    registers: [registry],
  });
  const loopErrors = new Counter({ name: 'fagsign_runner_loop_errors_total', help: "Errors that ended one of the runner's runs (the next run goes on)", labelNames: ['kind'], registers: [registry] });

  new Gauge({
    name: 'fagsign_last_successful_poll_age_seconds',
    help: "Seconds since the signing service's status queue was last read without error (NaN before the first)",
    registers: [registry],
    collect() {
      const at = sources.runnerStatus().lastSuccessfulPollAt;
      this.set(at === undefined ? Number.NaN : Math.max(0, (sources.now() - Date.parse(at)) / 1000));
    },
  });
  new Gauge({
    name: 'fagsign_processor_lag_events',
    help: "Events in the log after the runner's checkpoint (NaN before the first catch-up)",
    registers: [registry],
    collect() {
      this.set(sources.runnerStatus().lag ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'fagsign_contracts_quarantined',
    help: 'Contracts the runner has set aside because their stream cannot be read',
    registers: [registry],
    collect() {
      this.set(sources.runnerStatus().quarantined.length);
    },
  });
  new Gauge({
    name: 'fagsign_runner_degraded',
    help: 'Kinds of work the runner has paused for a fault of the sender or our own (1 per reason; none when healthy)',
    labelNames: ['work', 'code', 'fault'],
    registers: [registry],
    collect() {
      this.reset();
      for (const reason of sources.runnerStatus().degraded) this.set({ work: reason.work, code: reason.code, fault: reason.fault }, 1);
    },
  });
  new Gauge({
    name: 'fagsign_lease_held',
    help: "1 when this process holds the runner's lease, 0 when it waits as a standby",
    registers: [registry],
    collect() {
      this.set(sources.runnerStatus().lease.held ? 1 : 0);
    },
  });

  const counted =
    <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      calls.inc({ operation });
      try {
        return await call(...args);
      } catch (error) {
        errors.inc({ operation, kind: kindOf(error) });
        throw error;
      }
    };

  return {
    registry,
    countCalls: (provider) => ({
      name: provider.name,
      createJob: counted('createJob', (job) => provider.createJob(job)),
      cancelJob: counted('cancelJob', (job) => provider.cancelJob(job)),
      fetchStatusChanges: counted('fetchStatusChanges', () => provider.fetchStatusChanges()),
      confirm: counted('confirm', (change) => provider.confirm(change)),
      fetchSignedDocument: counted('fetchSignedDocument', (job) => provider.fetchSignedDocument(job)),
    }),
    loopError: (kind) => loopErrors.inc({ kind }),
  };
};

