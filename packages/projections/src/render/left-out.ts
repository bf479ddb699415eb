import type { Lang } from '../reports/words.js';

/**
 * The line a report carries when contracts were left out of it (quarantined: their stream holds an
 * event that cannot be read), so a reader knows the figures are short and by which contracts.
 * Contract ids only: the reason is the store's code, for the operator, not the report.
 */
export const leftOutNote = (contractIds: readonly string[], lang: Lang): string | undefined => {
  if (contractIds.length === 0) return undefined;
  const ids = [...contractIds].sort().join(', ');
  const n = contractIds.length;
  return lang === 'nb'
    ? `${n} ${n === 1 ? 'kontrakt er' : 'kontrakter er'} utelatt fordi strømmen ikke kan leses (karantene): ${ids}`
    : `${n} ${n === 1 ? 'contract is' : 'contracts are'} left out because its stream cannot be read (quarantined): ${ids}`;
};
