import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Instant } from '@fagsign/domain';
import { millisOfInstant } from './instant-millis.js';

it('reads a canonical instant exactly as Date.parse does, for any moment from 1900 to 2200', () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
      const instant = new Date(ms).toISOString() as Instant;
      expect(millisOfInstant(instant)).toBe(ms);
    }),
    { numRuns: 2000 },
  );
  expect(millisOfInstant('2026-08-03T09:00:00+02:00' as Instant)).toBe(Date.UTC(2026, 7, 3, 7));
});
