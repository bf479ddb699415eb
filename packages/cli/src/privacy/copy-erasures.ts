import type { EventStore } from '@fagsign/adapters';
import type { ContractEvent } from '@fagsign/domain';

/**
 * Carries the source's erasures over to a copy: a contract erased in the source reads as erased
 * there (its events copy as «slettet»), and its fact goes into the target's ledger as well, so a
 * later restore of the target's key table cannot bring anything back either.
 */
export const copyErasures = async (source: EventStore<ContractEvent>, target: EventStore<ContractEvent>, now: Date): Promise<number> => {
  const adapters = await import('@fagsign/adapters');
  if (!adapters.isProtectedStore(source) || !adapters.isProtectedStore(target)) return 0;
  let copied = 0;
  for (const fact of await adapters.readErasureLedger(source.inner)) {
    const result = await adapters.eraseContract(target, fact.contractId, { by: fact.by, reason: fact.reason, now: (fact.at ?? now.toISOString()) as never, trigger: fact.trigger });
    if (result.erased) copied++;
  }
  return copied;
};
