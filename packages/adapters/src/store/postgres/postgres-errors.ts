import { InvalidAppend, StoreError, StoreUnavailable } from '../errors.js';

/** SQLSTATE of a driver error, when it has one. */
export const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;

/**
 * Turns a driver failure into the store's typed errors. Data exceptions (class 22, such as text
 * jsonb cannot hold) are the append's fault; everything else (refused connections, timeouts,
 * shutdowns, exhausted resources) means the store is unavailable for now.
 */
export const storeErrorOf = (error: unknown, operation: string, streamName?: string): StoreError => {
  if (error instanceof StoreError) return error;
  const state = sqlState(error);
  if (streamName !== undefined && state?.startsWith('22')) {
    return new InvalidAppend(streamName, `PostgreSQL cannot store the data (SQLSTATE ${state})`);
  }
  return new StoreUnavailable('postgres', operation, error);
};
