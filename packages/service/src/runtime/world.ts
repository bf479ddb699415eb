import {
  createPostenProvider,
  createSimulatedProvider,
  httpsTransport,
  openJobJournal,
  reloadableCredentials,
  simulatedArchive,
  simulatedNotifier,
  simulatedVigo,
  type Archive,
  type ContractDocuments,
  type Notifier,
  type SigningProvider,
  type ReloadableCredentials,
  type VigoPort,
  xadesBundleSigner,
} from '@fagsign/adapters';
import type { Instant } from '@fagsign/domain';
import type { DateTime } from 'luxon';
import type { ServiceConfig } from '../config/service-config.js';
import type { ServiceLogger } from '../logging/logger.js';

/** What the runner talks to: the signing service and the county's ports. */
export interface RunnerWorld {
  readonly provider: SigningProvider;
  readonly notifier: Notifier;
  readonly archive: Archive;
  readonly vigo: VigoPort;
  /** Undefined only with the simulated provider, where the runner's placeholder page is allowed. */
  readonly documents: ContractDocuments | undefined;
  /** The enterprise certificate in use (Posten only): the certificate check reads its expiry. */
  readonly credentials: ReloadableCredentials | undefined;
  /** Closes what the world opened (Posten's job journal). */
  close(): Promise<void>;
}

/**
 * Builds the provider and the ports a configuration names. The simulated provider gets simulated
 * ports for whatever the configuration leaves out; Posten gets only what the configuration gives
 * (the configuration check has made sure it gives all of them).
 */
export const worldFor = async (config: ServiceConfig, clock: () => DateTime, logger: ServiceLogger): Promise<RunnerWorld> => {
  const now = () => clock().toUTC().toISO() as Instant;
  const { ports } = config;
  if (config.provider.kind === 'simulated') {
    const settings = config.provider;
    const simulated = createSimulatedProvider({
      seed: settings.seed,
      now,
      ...(settings.profile === undefined ? {} : { profile: settings.profile }),
      ...(settings.pollAfterEmptySeconds === undefined ? {} : { polling: { afterEmptySeconds: settings.pollAfterEmptySeconds } }),
    });
    logger.warn({ provider: 'simulated', clockSpeed: settings.clockSpeed }, 'the simulated signing service is running: no real signer gets anything (test and demo only)');
    return {
      provider: simulated,
      notifier: ports.notifier ?? simulatedNotifier({ now, onDelivered: (orderId, role) => simulated.remind(orderId, role) }),
      archive: ports.archive ?? simulatedArchive(),
      vigo: ports.vigo ?? simulatedVigo(),
      documents: ports.documents,
      credentials: undefined,
      close: async () => undefined,
    };
  }
  const settings = config.provider;
  // One certificate for mutual TLS and the bundle signature, asked at each job: a renewal (by a
  // restart today) reaches both at once.
  const credentials = reloadableCredentials(settings.credentials);
  // The journal lives beside the events (same SQLite file or PostgreSQL database): an upload whose
  // answer was lost just before a restart is found again by its reference, not uploaded twice.
  const journal = await openJobJournal(config.storeUrl);
  const provider = createPostenProvider({
    transport: httpsTransport({ credentials: credentials.current, ...settings.server }),
    baseUrl: settings.baseUrl,
    sender: settings.sender,
    journal,
    signerKey: settings.signerKey,
    now,
    ...(settings.pollingQueue === undefined ? {} : { pollingQueue: settings.pollingQueue }),
    bundleSigner: ports.bundleSigner ?? xadesBundleSigner(credentials.current, now),
  });
  return { provider, notifier: ports.notifier!, archive: ports.archive!, vigo: ports.vigo!, documents: ports.documents!, credentials, close: () => journal.close() };
};
