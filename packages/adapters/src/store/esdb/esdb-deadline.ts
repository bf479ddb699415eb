import { StoreUnavailable } from '../errors.js';

/*
 * The client's deadlines cover the gRPC calls, but not its first step on a new connection (asking
 * the server which features it has), which waits for ever on a server that accepts a connection
 * and never answers. Every call therefore also runs under a backstop of our own, a little longer
 * than the client's deadline so the client's own error wins whenever it comes.
 */

export const backstopMs = (deadlineMs: number): number => deadlineMs + Math.min(1_000, Math.ceil(deadlineMs / 2));

export const withBackstop = async <T>(deadlineMs: number, operation: string, run: () => Promise<T>, onTimeout?: () => void): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const ms = backstopMs(deadlineMs);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new StoreUnavailable('esdb', `${operation}: no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** Runs a clean-up call that may itself hang on such a server, without waiting for it beyond a moment. */
export const letGo = (cleanUp: () => Promise<unknown>, ms = 250): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    cleanUp().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
