/**
 * Median and 90th percentile of days, rounded to one decimal. The median of an even count is the
 * mean of the two middle values; the 90th percentile is by nearest rank (the smallest value with
 * at least 90 % of the values at or below it), so it is always a value that occurred.
 */
export interface Spread {
  readonly median: number | null;
  readonly p90: number | null;
  readonly count: number;
}

export const spreadOf = (values: number[]): Spread => {
  const n = values.length;
  if (n === 0) return { median: null, p90: null, count: 0 };
  const sorted = Float64Array.from(values).sort();
  const middle = n >> 1;
  const median = n % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1]!;
  return { median: round1(median), p90: round1(p90), count: n };
};

const round1 = (x: number): number => Math.round(x * 10) / 10;
