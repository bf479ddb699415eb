import type { County } from '@fagsign/domain';
import type { ContractsState } from '../contracts/summary.js';
import { contactProblemCodes, contactProblems, type ContactProblemCode } from './contact-problems.js';
import { officesInScope, type Scope } from './scope.js';

/**
 * Contact-data problems per office, over the contracts still open (awaiting review, out for
 * signing, or needing a new order): those are the records an office can still fix in VigoBedrift
 * before an order goes out. A contract with several problems counts once under each.
 */
export interface OfficeDataQuality {
  readonly county: County;
  readonly office: string;
  readonly orgNumber: string;
  readonly openContracts: number;
  /** Open contracts with at least one problem, warnings included. */
  readonly withProblems: number;
  readonly problems: Record<ContactProblemCode, number>;
}

export interface DataQualityReport {
  readonly offices: OfficeDataQuality[];
  readonly totals: Omit<OfficeDataQuality, 'county' | 'office' | 'orgNumber'>;
}

const zero = (): Record<ContactProblemCode, number> =>
  Object.fromEntries(contactProblemCodes.map((c) => [c, 0])) as Record<ContactProblemCode, number>;

export const dataQuality = (state: ContractsState, scope: Scope = {}): DataQualityReport => {
  const offices = officesInScope(state, scope);
  const rows = new Map(offices.map((o) => [o.key, { county: o.county, office: o.name, orgNumber: o.orgNumber, openContracts: 0, withProblems: 0, problems: zero() }]));
  for (const contract of state.contracts.values()) {
    const row = rows.get(contract.office);
    if (row === undefined || (contract.status !== 'registered' && contract.status !== 'in-signing' && contract.status !== 'order-ended')) continue;
    row.openContracts++;
    const problems = contactProblems(contract);
    if (problems.length > 0) row.withProblems++;
    for (const code of problems) row.problems[code]++;
  }
  const totals = { openContracts: 0, withProblems: 0, problems: zero() };
  for (const row of rows.values()) {
    totals.openContracts += row.openContracts;
    totals.withProblems += row.withProblems;
    for (const code of contactProblemCodes) totals.problems[code] += row.problems[code];
  }
  return { offices: [...rows.values()], totals };
};
