/** How `handle` retries after a VersionConflict: another clerk or the workflow runner wrote first. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 5); then the VersionConflict is thrown. */
  readonly maxRetries: number;
  /** The first delay (ms, default 5); it doubles with each retry, up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 5, initialDelayMs: 5, maxDelayMs: 250 };

/**
 * The wait before retry number `retry` (1-based): exponential, with "equal jitter" (half fixed, half
 * random) so that writers who collided once do not collide again in lockstep.
 */
export const backoffDelay = (policy: RetryPolicy, retry: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + random() * (ceiling / 2);
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
