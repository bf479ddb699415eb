import {
  createPostenProvider,
  createSimulatedProvider,
  httpsTransport,
  memoryJobJournal,
  simulatedArchive,
  simulatedNotifier,
  simulatedVigo,
  type Archive,
  type ContractDocuments,
  type Notifier,
  type SigningProvider,
  type VigoPort,
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
}

/**
 * Builds the provider and the ports a configuration names. The simulated provider gets simulated
 * ports for whatever the configuration leaves out; Posten gets only what the configuration gives
 * (the configuration check has made sure it gives all of them).
 */
export const worldFor = (config: ServiceConfig, clock: () => DateTime, logger: ServiceLogger): RunnerWorld => {
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
    };
  }
  const settings = config.provider;
  // Until the store keeps the job journal (the processor core's work), it lives in memory: an upload
  // whose answer was lost just before a restart is then found again only through the status queue.
  const provider = createPostenProvider({
    transport: httpsTransport(settings.certificate),
    baseUrl: settings.baseUrl,
    sender: settings.sender,
    journal: memoryJobJournal(),
    signerKey: settings.signerKey,
    now,
    ...(settings.pollingQueue === undefined ? {} : { pollingQueue: settings.pollingQueue }),
    ...(ports.bundleSigner === undefined ? {} : { bundleSigner: ports.bundleSigner }),
  });
  return { provider, notifier: ports.notifier!, archive: ports.archive!, vigo: ports.vigo!, documents: ports.documents! };
};
