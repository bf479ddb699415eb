import type { County, OfficeKind } from '@fagsign/domain';
import type { ContractsState } from '../contracts/summary.js';
import { emptyTally, figuresOf, mergeTally, tallyContract, type Figures, type Tally } from './figures.js';
import { officesInScope, type Scope } from './scope.js';

export interface OfficeStatistics extends Figures {
  /** The office's name as registered. */
  readonly office: string;
  readonly orgNumber: string;
  readonly kind: OfficeKind;
}

export interface CountyStatistics {
  readonly county: County;
  readonly offices: OfficeStatistics[];
  readonly totals: Figures;
}

/** The statistics report: its JSON form is an interface others script against (see README.md). */
export interface StatisticsReport {
  readonly scope: { readonly county: County | null; readonly office: string | null };
  readonly counties: CountyStatistics[];
  readonly totals: Figures;
}

/**
 * Statistics per county and office, computed from the contracts read model. County totals and the
 * grand total are computed from the contracts themselves (not from office figures), so a median
 * is the median of all the county's contracts.
 */
export const statistics = (state: ContractsState, scope: Scope = {}): StatisticsReport => {
  const offices = officesInScope(state, scope);
  const tallies = new Map<string, Tally>(offices.map((office) => [office.key, emptyTally()]));
  for (const contract of state.contracts.values()) {
    const tally = tallies.get(contract.office);
    if (tally !== undefined) tallyContract(tally, contract);
  }

  const counties: CountyStatistics[] = [];
  const all = emptyTally();
  let current: { county: County; offices: OfficeStatistics[]; tally: Tally } | undefined;
  const closeCounty = () => {
    if (current !== undefined) counties.push({ county: current.county, offices: current.offices, totals: figuresOf(current.tally) });
  };
  for (const office of offices) {
    if (current?.county !== office.county) {
      closeCounty();
      current = { county: office.county, offices: [], tally: emptyTally() };
    }
    const tally = tallies.get(office.key)!;
    current.offices.push({ office: office.name, orgNumber: office.orgNumber, kind: office.kind, ...figuresOf(tally) });
    mergeTally(current.tally, tally);
    mergeTally(all, tally);
  }
  closeCounty();
  return { scope: { county: scope.county ?? null, office: scope.office ?? null }, counties, totals: figuresOf(all) };
};
