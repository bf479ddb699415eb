import type { EventStore, ProjectionSource } from '@fagsign/adapters';
import { isCounty, type ContractEvent } from '@fagsign/domain';
import type { ServiceLogger } from './logger.js';

/** Fields of an event that are ids, roles or codes; everything else (parties, contact changes, free text) stays out. */
const safeFields = ['orderId', 'attempt', 'role', 'cause', 'reason', 'source', 'code', 'step', 'providerStatus', 'county'] as const;
// no spaces: a code never has one, and a name always does (a county name is checked as a county)
const looksLikeCode = /^[\p{L}0-9_./:-]{1,60}$/u;

/**
 * One log line per new fact in the event log ("OrderAccepted", "SignerSigned", …) with the order as
 * correlation id: what the runner's own log (its failures and skips) leaves out, so an operator
 * can follow every order from upload to archive. Only whitelisted fields are copied.
 */
export const eventLogLine = (logger: ServiceLogger, event: ContractEvent): void => {
  const data = event.data as unknown as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of safeFields) {
    const value = data[key];
    if (typeof value === 'number' || (typeof value === 'string' && (key === 'county' ? isCounty(value) : looksLikeCode.test(value)))) fields[key] = value;
  }
  logger.info({ correlationId: (fields.orderId as string | undefined) ?? event.data.contractId, contractId: event.data.contractId, event: event.type, ...fields, at: event.data.at }, event.type);
};

/**
 * The store as the read model's follower sees it, with every live event (not the history read at
 * start, which was logged when it happened) passed to `onEvent` as it is applied.
 */
export const tapLiveEvents = (store: EventStore<ContractEvent>, onEvent: (event: ContractEvent) => void): ProjectionSource => ({
  kind: store.kind,
  readAllPages: (options) => store.readAllPages(options),
  loadProjection: (name) => store.loadProjection(name),
  saveProjection: (name, snapshot) => store.saveProjection(name, snapshot),
  subscribe(options) {
    const subscription = store.subscribe(options);
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator]() {
        for await (const recorded of subscription) {
          onEvent(recorded.event);
          yield recorded;
        }
      },
    };
  },
});
