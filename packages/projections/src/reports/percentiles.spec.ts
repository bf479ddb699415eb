import fc from 'fast-check';
import { expect, it } from 'vitest';
import { spreadOf } from './percentiles.js';

const bySorting = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[n >> 1]! : (sorted[(n >> 1) - 1]! + sorted[n >> 1]!) / 2;
  return { median: Math.round(median * 10) / 10, p90: Math.round(sorted[Math.ceil(0.9 * n) - 1]! * 10) / 10, count: n };
};

it('picks the same median and nearest-rank 90th percentile as sorting would, for any list of days', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 120, noNaN: true }), fc.constantFrom(0, 1, 2.5, 14)), { minLength: 1, maxLength: 300 }), (values) => {
      expect(spreadOf(values)).toEqual(bySorting(values));
    }),
    { numRuns: 500 },
  );
  expect(spreadOf([])).toEqual({ median: null, p90: null, count: 0 });
  expect(spreadOf([1, 2, 3, 4])).toEqual({ median: 2.5, p90: 4, count: 4 });
});
