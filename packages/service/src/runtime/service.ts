import { checkpointStoreOf, createWorkflowRunner, erasureDates, followProjection, openEventStore, openProtectedEventStore, type EventStore, type ProjectionFollower, type WorkflowRunner } from '@fagsign/adapters';
import type { ContractEvent, Instant } from '@fagsign/domain';
import { contractsProjection, type ContractsState } from '@fagsign/projections';
import type { DateTime } from 'luxon';
import type { ServiceConfig } from '../config/service-config.js';
import { startHealthServer, type HealthServer, type Readiness } from '../health/http-server.js';
import { createMetrics, kindOf } from '../health/metrics.js';
import type { ServiceLogger } from '../logging/logger.js';
import { errorFields, runnerLogTo } from '../logging/runner-log.js';
import { eventLogLine, tapLiveEvents } from '../logging/event-log.js';
import { startStaffServer, type StaffServer } from '../pages/staff-server.js';
import { readinessOf } from './readiness.js';
import { serviceClock } from './service-clock.js';
import { worldFor, type RunnerWorld } from './world.js';
import { watchCertificate, type CertificateWatch } from './certificate-watch.js';

/** What the service needs besides its configuration: the logger, and in tests its clock. */
export interface ServiceOptions {
  readonly logger: ServiceLogger;
  /** Test hook: the service's clock; by default real time, or accelerated by the simulated provider's clockSpeed. */
  readonly clock?: () => DateTime;
}

/** The service `fagsign run` started: its health port, runner and store, until `stop()`. */
export interface RunningService {
  readonly httpPort: number;
  /** The staff pages' port, when configured. */
  readonly staffPort: number | undefined;
  readonly runner: WorkflowRunner;
  readonly store: EventStore<ContractEvent>;
  /** Whether this process is doing its work now, and if not why (store unreachable, standby without the lease, degraded work), as the readiness endpoint answers it. */
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
  // With the county's master keys, personal values are sealed per contract; the read model, which
  // needs none of them, reads the sealed view and decrypts nothing.
  const privacy = config.privacy;
  const opened = privacy === undefined ? undefined : await openProtectedEventStore(config.storeUrl, { master: privacy.master });
  const store: EventStore<ContractEvent> = opened ?? (await openEventStore(config.storeUrl));
  const projectionReader = opened?.sealedView() ?? store;
  let follower: ProjectionFollower<ContractsState> | undefined;
  let runner: WorkflowRunner | undefined;
  let stopping = false;
  let world: RunnerWorld | undefined;
  let certificates: CertificateWatch | undefined;
  try {
    world = await worldFor(config, clock, logger);
    certificates = world.credentials === undefined ? undefined : watchCertificate(world.credentials, () => clock().toUTC().toISO() as Instant, logger);
    const certificate = () => certificates?.current();
    const metrics = createMetrics({ runnerStatus: () => runner!.status(), contracts: () => follower?.position.state, now: () => clock().toMillis(), certificate, leftOut: () => follower?.position.leftOut });
    runner = createWorkflowRunner({
      store,
      provider: metrics.countCalls(world.provider),
      notifier: world.notifier,
      archive: world.archive,
      vigo: world.vigo,
      ...(world.documents === undefined ? {} : { documents: world.documents }),
      policy: config.policy,
      name: config.runner.name,
      lease: { ttlMs: config.runner.leaseMs },
      log: runnerLogTo(logger),
      ...(privacy?.retention === undefined ? {} : { retention: privacy.retention }),
    });
    const http: HealthServer = await startHealthServer(config.http.host, config.http.port, {
      ready: () => readinessOf({ stopping, started: follower !== undefined, store, status: runner!.status(), certificate: certificate() }),
      metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    });
    logger.info({ host: config.http.host, port: http.port }, 'health and metrics listening');

    // The store's own checkpoints and leases (its processor table), not the tap's: the tap is a wrapper the store never registered.
    follower = await followProjection(tapLiveEvents(projectionReader, (event) => eventLogLine(logger, event)), contractsProjection, { pollIntervalMs: 1000, checkpoints: checkpointStoreOf(store) });
    follower.done.catch((error: unknown) => logger.error(errorFields(error), 'the contracts read model stopped following; the metrics of orders are frozen until a restart'));
    const following = follower;
    const staff: StaffServer | undefined =
      config.staff === undefined
        ? undefined
        : await startStaffServer({
            settings: config.staff,
            store,
            readModel: () => following.position.state,
            clock,
            policy: config.policy,
            logger,
            ...(opened === undefined ? {} : { erasureDates: () => erasureDates(opened, privacy?.retention) }),
          });
    if (staff !== undefined) logger.info({ host: config.staff!.host, port: staff.port }, 'staff pages listening');
    const loop = runner.start({
      intervalMs: config.runner.intervalMs,
      clock,
      onError: (error) => {
        metrics.loopError(kindOf(error));
        logger.error(errorFields(error), 'a run of the workflow runner failed; the next run goes on');
      },
      onRun: (report) => {
        const erased = report.erased?.filter((e) => e.erased).map((e) => e.contractId) ?? [];
        // contract ids only: which contracts lost their personal data today, for the county's records
        if (erased.length > 0) logger.info({ erased }, `retention erased the personal data of ${erased.length} contract(s)`);
      },
    });
    const running = runner;
    const ports = world;
    return {
      httpPort: http.port,
      staffPort: staff?.port,
      runner: running,
      store,
      readiness: () => readinessOf({ stopping, started: true, store, status: running.status(), certificate: certificate() }),
      async stop() {
        stopping = true;
        certificates?.stop();
        await staff?.close();
        await loop.stop();
        await following.stop();
        await http.close();
        await ports.close();
        await store.close();
      },
    };
  } catch (error) {
    await follower?.stop().catch(() => undefined);
    certificates?.stop();
    await world?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
};
