import type { Projection } from '../projection.js';
import { applyContractEvent } from './apply.js';
import { savedForm2, stateFromSaved } from './saved-form.js';
import type { ContractsState } from './summary.js';

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
  // Rows of the state's values, in form 2 (saved-form.ts); a save serialises them at once.
  serialize: savedForm2,
  // Either form; form 2 is read into new objects, so nothing is copied first.
  deserialize: stateFromSaved,
};
