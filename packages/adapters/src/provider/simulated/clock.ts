import { instantFromMillis, type Instant } from '@fagsign/domain';

/** A clock the caller moves by hand: the simulated service's only sense of time. */
export interface ManualClock {
  readonly now: () => Instant;
  advanceTo(instant: Instant): void;
  advanceBy(duration: { readonly hours?: number; readonly minutes?: number; readonly seconds?: number; readonly days?: number }): void;
}

export const manualClock = (start: Instant): ManualClock => {
  let current = Date.parse(start);
  return {
    now: () => instantFromMillis(current),
    advanceTo(instant) {
      const next = Date.parse(instant);
      // A clock that runs backwards would let a signer sign before being asked.
      if (next < current) throw new RangeError(`The clock cannot go back from ${instantFromMillis(current)} to ${instant}`);
      current = next;
    },
    advanceBy({ days = 0, hours = 0, minutes = 0, seconds = 0 }) {
      this.advanceTo(instantFromMillis(current + (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000));
    },
  };
};
