/** One line of the benchmark table. */
export interface BenchRow {
  metric: string;
  /** Measured value, already rounded for display. */
  value: number | string;
  unit?: string;
  /** Human-readable goal, e.g. "≤ 1.03". */
  goal?: string;
  /** Undefined for informational rows (no goal). */
  pass?: boolean;
  note?: string;
}

/**
 * A named benchmark section. Sections run one after another in one `npm run bench`; each starts
 * and closes whatever it needs (simulators on port 0) and returns its rows.
 */
export interface BenchSection {
  name: string;
  run(): Promise<BenchRow[]>;
}
