/**
 * Order statistics of a list of numbers (durations in milliseconds). Linear interpolation
 * between closest ranks (the "R-7" definition of spreadsheets and NumPy's default), so the
 * median of an even count is the mean of the middle two.
 */

/** The `p`-quantile (0..1) of `values`, or undefined for an empty list. */
export function quantile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) {
    return undefined;
  }
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`quantile ${p} is not between 0 and 1`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}
