import { osloZone } from '@fagsign/domain';
import { DateTime } from 'luxon';

/**
 * The service's clock. `speed` 1 is real time. A larger speed is for tests and demonstrations with
 * the simulated provider only (the configuration allows it nowhere else): the clock starts at the
 * real time and then runs `speed` simulated seconds per real second, so a fortnight of orders,
 * reminders and expiries passes in minutes.
 */
export const serviceClock = (speed: number, realNow: () => number = Date.now): (() => DateTime) => {
  if (speed === 1) return () => DateTime.fromMillis(realNow(), { zone: osloZone });
  const startedAt = realNow();
  return () => DateTime.fromMillis(startedAt + (realNow() - startedAt) * speed, { zone: osloZone });
};
