import { createWorkflowRunner, openEventStore, type EventStore, type WorkflowRunner } from '@fagsign/adapters';
import type { ContractEvent } from '@fagsign/domain';
import { contractsProjection, follow, type ContractsState, type Follower } from '@fagsign/projections';
import type { DateTime } from 'luxon';
import type { ServiceConfig } from '../config/service-config.js';
import { startHealthServer, type HealthServer, type Readiness } from '../health/http-server.js';
import { createMetrics, kindOf } from '../health/metrics.js';
import type { ServiceLogger } from '../logging/logger.js';
import { errorFields, runnerLogTo } from '../logging/runner-log.js';
import { eventLogLine, tapLiveEvents } from '../logging/event-log.js';
import { readinessOf } from './readiness.js';
import { serviceClock } from './service-clock.js';
import { worldFor } from './world.js';

export interface ServiceOptions {
  readonly logger: ServiceLogger;
  /** Test hook: the service's clock; by default real time, or accelerated by the simulated provider's clockSpeed. */
  readonly clock?: () => DateTime;
}

export interface RunningService {
  readonly httpPort: number;
  readonly runner: WorkflowRunner;
  readonly store: EventStore<ContractEvent>;
  readiness(): Promise<Readiness>;
  /** Finishes the runner's current step, saves the read model, releases the lease (the runner's stop), closes the store. */
  stop(): Promise<void>;
}

/**
 * Starts what `fagsign run` runs: the workflow runner on its loop, the contracts read model followed
 * live (for the metrics), and the health and metrics endpoints. A second process on the same store
 * runs the same way; the runner's lease makes it wait as a standby.
 */
export const startService = async (config: ServiceConfig, { logger, clock: givenClock }: ServiceOptions): Promise<RunningService> => {
  const clock = givenClock ?? serviceClock(config.provider.kind === 'simulated' ? config.provider.clockSpeed : 1);
  const store = await openEventStore(config.storeUrl);
  let follower: Follower<ContractsState> | undefined;
  let runner: WorkflowRunner | undefined;
  let stopping = false;
  try {
    const world = worldFor(config, clock, logger);
    const metrics = createMetrics({ runnerStatus: () => runner!.status(), contracts: () => follower?.position.state, now: () => clock().toMillis() });
    runner = createWorkflowRunner({
      store,
      provider: metrics.countCalls(world.provider),
      notifier: world.notifier,
      archive: world.archive,
      vigo: world.vigo,
      ...(world.documents === undefined ? {} : { documents: world.documents }),
      policy: config.policy,
      name: config.runner.name,
      log: runnerLogTo(logger),
    });
    const http: HealthServer = await startHealthServer(config.http.host, config.http.port, {
      ready: () => readinessOf({ stopping, started: follower !== undefined, store, status: runner!.status() }),
      metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    });
    logger.info({ host: config.http.host, port: http.port }, 'health and metrics listening');

    follower = await follow(tapLiveEvents(store, (event) => eventLogLine(logger, event)), contractsProjection, { pollIntervalMs: 1000 });
    follower.done.catch((error: unknown) => logger.error(errorFields(error), 'the contracts read model stopped following; the metrics of orders are frozen until a restart'));
    const loop = runner.start({
      intervalMs: config.runner.intervalMs,
      clock,
      onError: (error) => {
        metrics.loopError(kindOf(error));
        logger.error(errorFields(error), 'a run of the workflow runner failed; the next run goes on');
      },
    });
    const running = runner;
    const following = follower;
    return {
      httpPort: http.port,
      runner: running,
      store,
      readiness: () => readinessOf({ stopping, started: true, store, status: running.status() }),
      async stop() {
        stopping = true;
        await loop.stop();
        await following.stop();
        await http.close();
        await store.close();
      },
    };
  } catch (error) {
    await follower?.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
};
