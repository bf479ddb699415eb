import fc from 'fast-check';
import { registerContractArb } from '@fagsign/domain/testing';
import type { ContractId, Instant, Party, PartyRole, RegisterContract } from '@fagsign/domain';
import { placeholderPdf } from '../placeholder-pdf.js';
import { signingJobFor, type SigningJobRequest } from '../signing-job.js';
import type { SigningProvider, StatusChange } from '../signing-provider.js';
import { contractWithOrder, type ContractWithOrder } from './orders.js';

export interface TestJob extends ContractWithOrder {
  readonly request: SigningJobRequest;
}

/** A registered contract with a first order and its signing job, from a fixed sample of the domain's arbitraries. */
export const testJob = (
  at: string,
  options: { seed?: number; contractId?: string; change?: (parties: Party[]) => Party[]; register?: Partial<RegisterContract> } = {},
): TestJob => {
  const sample = fc.sample(registerContractArb(), { seed: options.seed ?? 1, numRuns: 1 })[0]!;
  const register: RegisterContract = {
    ...sample,
    ...(options.contractId ? { contractId: options.contractId as ContractId } : {}),
    ...options.register,
    parties: (options.change ?? ((p) => p))(sample.parties),
  };
  const made = contractWithOrder(register, at);
  const request = signingJobFor(made.contract, made.order, { now: at as Instant, document: { bytes: placeholderPdf('Lærekontrakt') } });
  return { ...made, request };
};

export const withParty = (role: PartyRole, change: (party: Party) => Party) => (parties: Party[]): Party[] =>
  parties.map((p) => (p.role === role ? change(p) : p));

/** Polls until the queue is empty, confirming each change unless told not to. */
export const drain = async (provider: SigningProvider, confirm = true): Promise<StatusChange[]> => {
  const all: StatusChange[] = [];
  for (;;) {
    const { changes } = await provider.fetchStatusChanges();
    if (changes.length === 0) return all;
    for (const change of changes) {
      all.push(change);
      if (confirm) await provider.confirm(change);
    }
  }
};
