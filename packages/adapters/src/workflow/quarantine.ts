import { hostname } from 'node:os';
import { contractStreamName, type ContractEvent, type ContractId } from '@fagsign/domain';
import type { EventStore } from '../store/event-store.js';
import { StoredEventUnreadable } from '../store/errors.js';
import type { CheckpointStore } from '../processing/checkpoint-store.js';
import { checkpointStoreOf } from '../processing/checkpoint-stores.js';
import { defaultLeaseTtlMs } from '../processing/lease.js';
import { savedIndexOf } from './contract-index.js';
import type { QuarantinedContract } from './runner-status.js';

/*
 * Taking a contract out of the runner's quarantine by hand, after a person repaired its stream.
 *
 * The quarantine is part of what the runner saves with its checkpoint, so the release edits that
 * saved state, and nothing else: the event log is only read (to check that the stream now reads),
 * never written. The contract goes back on the runner's list of open contracts, so the runner reads
 * its whole stream again when it next starts, including the events it skipped while the contract
 * was set aside. The release takes the runner's lease for the length of the edit: a runner that is
 * running holds it (and would overwrite the edit with its own state), so the release is refused
 * until it is stopped.
 */

/** Why a release was refused; nothing was changed. */
export type QuarantineReleaseProblem = 'runner-running' | 'not-quarantined' | 'still-unreadable';

/** A release from the quarantine that was refused: the runner's saved state and the event log are as they were. */
export class QuarantineReleaseRefused extends Error {
  readonly code = 'quarantine-release-refused';
  override readonly name = 'QuarantineReleaseRefused';
  constructor(
    readonly contractId: ContractId,
    readonly problem: QuarantineReleaseProblem,
    detail: string,
  ) {
    super(`Contract ${contractId} was not released from the quarantine: ${detail}`);
  }
}

/** Which runner's quarantine: its processor name (default 'workflow-runner', as the runner's), and where it keeps its checkpoint. */
export interface QuarantineOptions {
  readonly name?: string;
  readonly checkpoints?: CheckpointStore;
}

const runnerOf = (store: EventStore<ContractEvent>, options: QuarantineOptions) => ({
  name: options.name ?? 'workflow-runner',
  checkpoints: options.checkpoints ?? checkpointStoreOf(store),
});

/** The contracts the runner of this name has set aside, as it last saved them (with its checkpoint). */
export const quarantinedContracts = async (store: EventStore<ContractEvent>, options: QuarantineOptions = {}): Promise<readonly QuarantinedContract[]> => {
  const { name, checkpoints } = runnerOf(store, options);
  return savedIndexOf((await checkpoints.load(name))?.state).quarantined;
};

/**
 * Releases one contract from the runner's quarantine after its stream was repaired: checks that the
 * whole stream reads now, then, holding the runner's lease, moves the contract from the saved
 * quarantine to the saved open contracts. Refused (`QuarantineReleaseRefused`, nothing changed)
 * while a runner holds the lease, for a contract that is not quarantined, or while its stream still
 * holds an event that cannot be read. Never writes to the event log.
 */
export const releaseFromQuarantine = async (
  store: EventStore<ContractEvent>,
  contractId: ContractId,
  options: QuarantineOptions & { readonly holder?: string } = {},
): Promise<QuarantinedContract> => {
  const { name, checkpoints } = runnerOf(store, options);
  const holder = options.holder ?? `quarantine-release/${hostname()}/${process.pid}`;
  const lease = await checkpoints.acquire(name, holder, defaultLeaseTtlMs);
  if (lease.holder !== holder) {
    throw new QuarantineReleaseRefused(contractId, 'runner-running', `the runner '${name}' is running (${lease.holder} holds its lease); stop it and try again`);
  }
  try {
    const saved = await checkpoints.load(name);
    const index = savedIndexOf(saved?.state);
    const released = index.quarantined.find((q) => q.contractId === contractId);
    if (saved === undefined || released === undefined) throw new QuarantineReleaseRefused(contractId, 'not-quarantined', `the runner '${name}' has not set it aside`);
    try {
      await store.readStream(contractStreamName(contractId));
    } catch (error) {
      if (!(error instanceof StoredEventUnreadable)) throw error;
      throw new QuarantineReleaseRefused(contractId, 'still-unreadable', `event ${error.streamVersion} of its stream still cannot be read; repair it first`);
    }
    const state = {
      ...(saved.state as object),
      open: index.open.includes(contractId) ? index.open : [...index.open, contractId],
      quarantined: index.quarantined.filter((q) => q.contractId !== contractId),
    };
    if (!(await checkpoints.save(name, { checkpoint: saved.checkpoint, state }, holder))) {
      throw new QuarantineReleaseRefused(contractId, 'runner-running', `the runner '${name}' took its lease back during the release; try again once it is stopped`);
    }
    return released;
  } finally {
    await checkpoints.release(name, holder);
  }
};
