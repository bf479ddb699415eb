import type { Lease } from '../processing/lease.js';

/*
 * The runner's ports, fenced by its lease: every call to the signing service, the notifier, the
 * archive, Vigo, and every append to the store, first checks (and when due renews) the lease and
 * throws LeaseLost when this process no longer holds it. So a runner that lost its lease, say after
 * a long pause, stops before its next outside call instead of doing what the new holder also does.
 */
export const fencedPort = <T extends object>(port: T, lease: Lease, only?: readonly string[]): T =>
  new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      if (only !== undefined && !only.includes(String(key))) return (value as (...a: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        await lease.check();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
