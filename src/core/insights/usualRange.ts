/**
 * An agent's usual range of a measure (records, duration, errors, cost), drawn as a band behind
 * the insights charts. Median and MAD (median absolute deviation) rather than mean and standard
 * deviation: one broken run with 0 records, or one run that took ten times as long, moves a mean
 * a lot and a median hardly at all, so the band stays where the agent usually is.
 */

/** The usual range of one measure. */
export interface UsualRange {
  median: number;
  /** Lower edge, never below 0 (every measure charted is a count, a duration or a cost). */
  low: number;
  high: number;
  /** How many values it was computed from. */
  count: number;
}

export interface UsualRangeOptions {
  /** Fewer values than this give no range: too little history to say what is usual. Default 5. */
  minCount?: number;
  /** Half-width in scaled MADs (1.4826 × MAD estimates σ for normal data). Default 3. */
  widthInMads?: number;
  /**
   * Smallest half-width as a share of the median, so identical runs (MAD 0) still draw a visible
   * band instead of a line. Default 0.05.
   */
  minRelativeWidth?: number;
}

/** MAD × this estimates the standard deviation of normally distributed values. */
const MAD_TO_SIGMA = 1.4826;

/** The median of finite values; NaN for none. Does not change its argument. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median absolute deviation from the median; NaN for no values. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const centre = median(values);
  return median(values.filter(Number.isFinite).map((value) => Math.abs(value - centre)));
}

/**
 * median ± widthInMads × 1.4826 × MAD over the finite values, or undefined with fewer than
 * `minCount` of them.
 */
export function usualRange(values: readonly number[], options: UsualRangeOptions = {}): UsualRange | undefined {
  const { minCount = 5, widthInMads = 3, minRelativeWidth = 0.05 } = options;
  const finite = values.filter(Number.isFinite);
  if (finite.length < Math.max(1, minCount)) return undefined;
  const centre = median(finite);
  const halfWidth = Math.max(widthInMads * MAD_TO_SIGMA * medianAbsoluteDeviation(finite), minRelativeWidth * Math.abs(centre));
  return { median: centre, low: Math.max(0, centre - halfWidth), high: centre + halfWidth, count: finite.length };
}
