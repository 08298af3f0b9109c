import { numericValue } from './cellOrder';

/**
 * Longest cell text a column index keeps (characters): longer cells keep this prefix and are
 * marked, so a column of long free text costs a bounded amount; sorting reads the full cells
 * back only where prefixes tie, filtering only where the prefix does not already decide.
 */
export const KEY_CHARS = 96;

/** Digits a kept prefix may run on past KEY_CHARS to end with the number it cut (a longer run is cut anyway). */
const MAX_NUMBER_RUN_ON = 64;

/** Longest prefix keptLength returns (characters). */
export const MAX_KEPT_CHARS = KEY_CHARS + MAX_NUMBER_RUN_ON;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Characters of `text` a column index keeps (all of a cell up to KEY_CHARS). A cut never ends
 * inside a number, as the collation compares digit runs by value ("…/item/123" of
 * "…/item/12345" would rank before "…/item/200"), nor inside a surrogate pair (half a character).
 */
export function keptLength(text: string): number {
  if (text.length <= KEY_CHARS) return text.length;
  let end = KEY_CHARS;
  if (isDigit(text.charCodeAt(end - 1))) {
    while (end < text.length && end < KEY_CHARS + MAX_NUMBER_RUN_ON && isDigit(text.charCodeAt(end))) end++;
  }
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
  return end;
}

/** Rows of the file (0-based data-row numbers). */
export type Rows = Uint32Array;

/** A filter's rule for one cell: it matches when its lower-cased text contains `lowerText` (already lower-cased). */
export function cellContains(text: string, lowerText: string): boolean {
  return text.toLocaleLowerCase().includes(lowerText);
}

/**
 * One column of a table in a compact form, built by one pass over the file: each row's code into
 * the column's distinct values (a Uint32Array, 4 bytes a row) and those values (prefixes of long
 * cells). Sort and filter then need no read of the file: a sort ranks the distinct values once
 * (numbers by value before text by the locale's collation, empty last) and orders the rows by
 * rank in linear time; the sorted order is kept for the next query.
 */
export class ColumnIndex {
  private ranked: { ranks: Uint32Array; count: number } | undefined;
  private readonly orders = new Map<boolean, Rows>();

  constructor(
    /** Row → index into `values`. */
    readonly codes: Uint32Array,
    /** Distinct cell texts (a long cell's first KEY_CHARS characters). */
    readonly values: readonly string[],
    /** Which values are cut prefixes. */
    readonly cut: Uint8Array,
  ) {}

  get rowCount(): number {
    return this.codes.length;
  }

  /** Estimated memory (bytes): codes, the values (2 bytes a character at most, plus a header each), ranks and kept orders. */
  get bytes(): number {
    let characters = 0;
    for (const value of this.values) characters += value.length;
    return this.codes.byteLength + characters * 2 + this.values.length * 32 + this.cut.byteLength + (this.ranked?.ranks.byteLength ?? 0) + [...this.orders.values()].reduce((sum, order) => sum + order.byteLength, 0);
  }

  /**
   * All rows in sorted order: by rank, equal ranks in file order (stable), empty cells last in
   * both directions. `compare` orders two non-numeric texts (the locale's collation);
   * `refine` puts rows whose cut values tie in full-text order.
   */
  async sorted(descending: boolean, compare: (a: string, b: string) => number, refine: (rows: number[], descending: boolean) => Promise<number[]>): Promise<Rows> {
    const kept = this.orders.get(descending);
    if (kept) return kept;
    const { ranks, count } = this.rankValues(compare);
    // A counting sort over ranks: linear and stable. Empty cells have rank `count`: last either way.
    const keyOf = (row: number): number => {
      const rank = ranks[this.codes[row]];
      return rank === count || !descending ? rank : count - 1 - rank;
    };
    const starts = new Uint32Array(count + 2);
    for (let row = 0; row < this.codes.length; row++) starts[keyOf(row) + 1]++;
    for (let key = 1; key <= count + 1; key++) starts[key] += starts[key - 1];
    const order = new Uint32Array(this.codes.length);
    for (let row = 0; row < this.codes.length; row++) order[starts[keyOf(row)]++] = row;
    await this.refineCutTies(order, ranks, (rows) => refine(rows, descending));
    this.orders.set(descending, order);
    return order;
  }

  /** A mask over the rows: 1 where the cell contains `lowerText` (cellContains); `check` decides rows whose cut prefix does not. */
  async matching(lowerText: string, check: (rows: number[]) => Promise<boolean[]>): Promise<Uint8Array> {
    const verdict = new Int8Array(this.values.length); // 1 match, -1 no, 0 undecided (cut and the prefix does not match)
    this.values.forEach((value, code) => {
      verdict[code] = cellContains(value, lowerText) ? 1 : this.cut[code] ? 0 : -1;
    });
    const mask = new Uint8Array(this.codes.length);
    const undecided: number[] = [];
    for (let row = 0; row < this.codes.length; row++) {
      const code = this.codes[row];
      if (verdict[code] === 1) mask[row] = 1;
      else if (verdict[code] === 0) undecided.push(row);
    }
    if (undecided.length > 0) {
      const answers = await check(undecided);
      undecided.forEach((row, position) => (mask[row] = answers[position] ? 1 : 0));
    }
    return mask;
  }

  /** Dense ranks of the distinct values (equal → equal rank); the empty text ranks `count`, after all. */
  private rankValues(compare: (a: string, b: string) => number): { ranks: Uint32Array; count: number } {
    if (this.ranked) return this.ranked;
    // Numbers sort as numbers and come first; the other texts through `compare`.
    const numbers: number[] = [];
    const texts: number[] = [];
    const numeric = new Float64Array(this.values.length);
    const ranks = new Uint32Array(this.values.length);
    let empty = -1;
    this.values.forEach((value, code) => {
      if (value === '') empty = code;
      else if (Number.isNaN((numeric[code] = numericValue(value)))) texts.push(code);
      else numbers.push(code);
    });
    numbers.sort((a, b) => numeric[a] - numeric[b]);
    texts.sort((a, b) => compare(this.values[a], this.values[b]));
    let count = 0;
    numbers.forEach((code, position) => {
      if (position === 0 || numeric[code] !== numeric[numbers[position - 1]]) count++;
      ranks[code] = count - 1;
    });
    texts.forEach((code, position) => {
      if (position === 0 || compare(this.values[texts[position - 1]], this.values[code]) !== 0) count++;
      ranks[code] = count - 1;
    });
    if (empty >= 0) ranks[empty] = count;
    this.ranked = { ranks, count };
    return this.ranked;
  }

  /**
   * Runs of rows of equal rank holding a cut value (a kept prefix ties with another value whose
   * full text may differ after it) are put in full-text order by `refine`.
   */
  private async refineCutTies(order: Rows, ranks: Uint32Array, refine: (rows: number[]) => Promise<number[]>): Promise<void> {
    for (let start = 0; start < order.length; ) {
      const rank = ranks[this.codes[order[start]]];
      let end = start + 1;
      let anyCut = this.cut[this.codes[order[start]]] === 1;
      while (end < order.length && ranks[this.codes[order[end]]] === rank) {
        anyCut ||= this.cut[this.codes[order[end]]] === 1;
        end++;
      }
      if (anyCut && end - start > 1) order.set(await refine([...order.subarray(start, end)]), start);
      start = end;
    }
  }
}
