import { ProviderError, StoreError, type RunnerLogEntry } from '@fagsign/adapters';
import { DomainError } from '@fagsign/domain';
import { InvalidConfig } from '../config/invalid-config.js';
import type { ServiceLogger } from './logger.js';

const levelOf: Record<RunnerLogEntry['outcome'], 'info' | 'debug' | 'warn'> = { done: 'info', skipped: 'debug', failed: 'warn', refused: 'warn' };

/**
 * The runner's `log` callback, as log lines. The correlation id is the order id (or the contract
 * id before there is an order): grep it to follow one order from upload to archive. Ids, roles and
 * codes only, which is all a RunnerLogEntry carries.
 */
export const runnerLogTo =
  (logger: ServiceLogger) =>
  (entry: RunnerLogEntry): void => {
    const { at, step, outcome, contractId, orderId, role, code } = entry;
    logger[levelOf[outcome]](
      { correlationId: orderId ?? contractId, contractId, orderId, step, outcome, role, code, at },
      `${step} ${outcome}`,
    );
  };

/** Errors whose messages are written without personal data (our typed errors); others may carry anything. */
const trusted = (error: Error): boolean => error instanceof DomainError || error instanceof StoreError || error instanceof ProviderError || error instanceof InvalidConfig;

/**
 * An error as log fields: its type, code and where it was thrown. The message only for our own typed
 * errors: a county's notifier or archive may throw "could not reach 912 34 567", and the log must
 * not keep that. The stack's frames (file and line) are kept; its first line, the message, is not.
 */
export const errorFields = (error: unknown): Record<string, unknown> => {
  if (!(error instanceof Error)) return { err: { type: typeof error } };
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
  return {
    err: {
      type: error.name,
      ...(typeof code === 'string' && /^[A-Za-z0-9_.-]{1,60}$/.test(code) ? { code } : {}),
      ...(trusted(error) ? { message: error.message.split('\n')[0] } : {}),
      ...(error instanceof ProviderError && error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
      frames,
    },
  };
};
