import { DomainError, resolvePolicy, type ContractCommand, type ContractEvent, type ContractId, type ContractState, type DecideContext, type PolicyBook, type SigningPolicy } from '@fagsign/domain';
import type { DateTime } from 'luxon';
import { handle, type HandleOptions } from '../handling/handle.js';
import type { EventStore } from '../store/event-store.js';
import type { SigningProvider } from '../provider/signing-provider.js';
import type { ContractIndex } from './contract-index.js';
import type { Pass } from './runner-health.js';
import type { Archive, ContractDocuments, Notifier, VigoPort } from './ports.js';

/**
 * One line of the runner's log: what it did for which contract and order, and how it went. Ids,
 * roles and codes only: never a name, fødselsnummer, mobile number or e-mail address.
 */
export interface RunnerLogEntry {
  readonly at: string;
  readonly step: string;
  readonly outcome: 'done' | 'skipped' | 'failed' | 'refused';
  readonly contractId?: ContractId;
  readonly orderId?: string;
  readonly role?: string;
  readonly code?: string;
}

export interface RunnerDependencies {
  readonly store: EventStore<ContractEvent>;
  readonly provider: SigningProvider;
  readonly notifier: Notifier;
  readonly archive: Archive;
  readonly vigo: VigoPort;
  readonly documents: ContractDocuments;
  readonly policy: SigningPolicy | PolicyBook | undefined;
  readonly log: (entry: RunnerLogEntry) => void;
  readonly handleOptions: Pick<HandleOptions, 'retry'>;
}

/** What a step needs: the dependencies, the contract index, and the moment it runs at. */
export interface Step extends RunnerDependencies {
  readonly index: ContractIndex;
  readonly now: DateTime;
  /** Where this pass reports faults of ours and successes (runner-health.ts). */
  readonly pass: Pass;
  /** When the status queue was last found empty (see PollState). */
  readonly drainedAt: string | undefined;
}

export const policyOf = (step: Step, state: ContractState): SigningPolicy =>
  resolvePolicy(step.policy, state.contract?.county ?? 'Oslo');

/**
 * Handles a command for the runner and keeps the index in step. A refusal by the decider is
 * logged and returned as `undefined`: the runner's view was older than the stream, which it
 * re-reads, and the next tick decides afresh.
 */
export const record = async (step: Step, contractId: ContractId, command: ContractCommand): Promise<ContractEvent[] | undefined> => {
  const context: DecideContext = { now: step.now, ...(step.policy === undefined ? {} : { policy: step.policy }) };
  try {
    const result = await handle(step.store, contractId, command, context, step.handleOptions);
    step.index.set(contractId, result.state, result.nextExpectedVersion);
    return [...result.newEvents];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    step.log({ at: step.now.toISO()!, step: command.type, outcome: 'refused', contractId, code: error.code, ...('orderId' in command ? { orderId: command.orderId } : {}) });
    await step.index.refresh(contractId);
    return undefined;
  }
};
