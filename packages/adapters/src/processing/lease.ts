import type { CheckpointStore, LeaseHolder } from './checkpoint-store.js';
import { LeaseLost } from './lease-lost.js';

/*
 * One holder at a time. A processor takes its lease before it works, renews it while it works (at
 * most a third of the lease's life after the last renewal, piggybacked on its next outside call,
 * so no timer runs behind its back), and checks it before every outside call. A standby asks again
 * every `ttlMs / 3`; a holder killed with SIGKILL keeps the lease until it expires, so a standby
 * takes over within `ttlMs + ttlMs / 3` of the kill, and at its next try after a release.
 *
 * The holder's own idea of "held" is conservative: the lease counts from the moment it *asked*,
 * by its own clock, and lapses `marginMs` before that estimate, so a slow answer or a slightly
 * fast store clock never lets two processes both believe they hold it.
 */

export interface LeaseSettings {
  /** How long a lease lasts without renewal (default 30 000 ms). */
  readonly ttlMs?: number;
  /** Who this process is; default `<hostname>/<pid>`, so a runner re-created in the same process is the same holder. */
  readonly holder?: string;
}

export interface LeaseView {
  readonly held: boolean;
  readonly holder: string;
  readonly expiresAt: number | undefined;
}

export interface Lease {
  readonly holder: string;
  readonly ttlMs: number;
  /** Takes or renews the lease; answers whether this process holds it now. */
  ensure(): Promise<boolean>;
  /** Renews when due (or takes it when not held); answers whether this process holds it. */
  hold(): Promise<boolean>;
  /** Renews when due, then throws LeaseLost unless the lease is held: call before every outside call. */
  check(): Promise<void>;
  release(): Promise<void>;
  view(): LeaseView;
}

export const defaultLeaseTtlMs = 30_000;

export const processLease = (checkpoints: CheckpointStore, name: string, holder: string, ttlMs: number, clock: () => number = Date.now): Lease => {
  const marginMs = Math.min(1000, ttlMs / 10);
  let validUntil = 0;
  let renewedAt = 0;
  let last: LeaseHolder | undefined;

  const ensure = async (): Promise<boolean> => {
    const askedAt = clock();
    last = await checkpoints.acquire(name, holder, ttlMs);
    if (last.holder === holder) {
      validUntil = askedAt + ttlMs - marginMs;
      renewedAt = askedAt;
      return true;
    }
    validUntil = 0;
    return false;
  };

  const renewalDue = (): boolean => validUntil > 0 && clock() - renewedAt >= ttlMs / 3;

  return {
    holder,
    ttlMs,
    ensure,
    async hold() {
      if (clock() < validUntil && !renewalDue()) return true;
      return ensure();
    },
    async check() {
      if (renewalDue()) await ensure();
      if (clock() >= validUntil) throw new LeaseLost(name);
    },
    async release() {
      if (validUntil === 0) return;
      validUntil = 0;
      last = undefined;
      await checkpoints.release(name, holder);
    },
    view: () => ({ held: clock() < validUntil, holder: last?.holder ?? '', expiresAt: last?.expiresAt }),
  };
};
