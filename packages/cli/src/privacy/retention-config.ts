import type { RetentionPolicy } from '@fagsign/adapters';
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
