import type { RetentionPolicy } from '@fagsign/adapters';
import type { PersonalDataErasure } from '@fagsign/projections';
import type { CliStore } from '../store.js';
import { UserError } from '../user-error.js';

/**
 * The county's retention policy from the service's configuration file (`privacy.retention`), the
 * one `fagsign run` erases by, so that the reports' erasure dates are the runner's. Undefined
 * without a file, or when the file has no policy.
 */
export const retentionFromConfig = async (file: string | undefined): Promise<RetentionPolicy | undefined> => {
  if (file === undefined) return undefined;
  // loaded only with --config: a report without it loads nothing of the service
  const { loadRetentionPolicy, InvalidConfig } = await import('@fagsign/service');
  try {
    return await loadRetentionPolicy(file);
  } catch (error) {
    if (!(error instanceof InvalidConfig)) throw error;
    throw new UserError(`--config: ${error.problems.map((p) => `${p.path} ${p.rule}`).join('; ')}.`);
  }
};

/**
 * The erasure dates for a report, when the store is encrypted (opened with `view: 'projection'`);
 * undefined for a plain store, where nothing is erased, with a note when a policy was given for it.
 */
export const erasureDatesOf = async (store: CliStore, retention: RetentionPolicy | undefined, stderr: { write(text: string): unknown }): Promise<ReadonlyMap<string, PersonalDataErasure> | undefined> => {
  if (store.erasureDates !== undefined) return store.erasureDates(retention);
  if (retention !== undefined) stderr.write('--config: the store is read without FAGSIGN_MASTER_KEYS, as a plain log: no erasure dates are shown.\n');
  return undefined;
};
