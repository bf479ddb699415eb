import { SnapshotUnreadable } from '../snapshot-unreadable.js';
import type { Projection } from '../projection.js';
import { applyContractEvent } from './apply.js';
import type { ContractsState, ContractSummary, OfficeInfo } from './summary.js';

/** The saved form: plain arrays, JSON-safe, no personal data. */
interface SavedContracts {
  readonly offices: OfficeInfo[];
  readonly contracts: ContractSummary[];
}

export const emptyContractsState = (): ContractsState => ({ offices: new Map(), contracts: new Map() });

/**
 * Every report (statistics, status, attention, data quality) is computed from this one read model
 * at report time. Keeping per-contract facts rather than running counters is what lets a diagnosis
 * that arrives after an order ended move that order's failure to its final cause, and lets county
 * totals take the median over all their contracts rather than over office medians.
 */
export const contractsProjection: Projection<ContractsState> = {
  name: 'contracts',
  version: 1,
  initialState: emptyContractsState,
  apply: applyContractEvent,
  // No copy: a save serialises at once (the CheckpointStore's rule), so the summaries are shared, not cloned.
  serialize: (state): SavedContracts => ({ offices: [...state.offices.values()], contracts: [...state.contracts.values()] }),
  deserialize: (saved) => {
    if (!isSavedContracts(saved)) throw new SnapshotUnreadable('contracts');
    const copy = structuredClone(saved);
    return {
      offices: new Map(copy.offices.map((office) => [office.key, office])),
      contracts: new Map(copy.contracts.map((contract) => [contract.contractId, contract])),
    };
  },
};

const isSavedContracts = (u: unknown): u is SavedContracts =>
  typeof u === 'object' &&
  u !== null &&
  Array.isArray((u as SavedContracts).offices) &&
  Array.isArray((u as SavedContracts).contracts);
