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

/**
 * The k-th smallest value (0-based), moving values about in `xs`: Hoare's selection, linear on
 * average. A report picks three order statistics per office, county and total; sorting every list
 * each time cost more than the rest of the report.
 */
const select = (xs: Float64Array, k: number): number => {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i++] = xs[j]!;
        xs[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k]!;
  }
  return xs[k]!;
};

export const spreadOf = (values: readonly number[]): Spread => {
  const n = values.length;
  if (n === 0) return { median: null, p90: null, count: 0 };
  const xs = Float64Array.from(values);
  const middle = n >> 1;
  const median = n % 2 === 1 ? select(xs, middle) : (select(xs, middle - 1) + select(xs, middle)) / 2;
  const p90 = select(xs, Math.ceil(0.9 * n) - 1);
  return { median: round1(median), p90: round1(p90), count: n };
};

const round1 = (x: number): number => Math.round(x * 10) / 10;
