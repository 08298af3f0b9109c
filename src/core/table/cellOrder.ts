// How cells compare: numbers by value, text by the locale's collation (sort, both the column indexes and the full-text refinement).

/** A cell as a number when all of it is one (`1,234.5` and `1234` too), else NaN. */
export function numericValue(cell: string): number {
  const trimmed = cell.trim();
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed) || !/\d/.test(trimmed)) return NaN;
  return Number(trimmed.replace(/,/g, ''));
}

/**
 * Orders cells the way a person reads a column: numbers by value and before text, text by the
 * locale's collation with digits compared as numbers ("item 2" before "item 10"), empty last.
 */
export function makeCellComparator(locale: string | undefined): (a: string, b: string) => number {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  return (a, b) => {
    if (a === b) return 0;
    if (a === '') return 1;
    if (b === '') return -1;
    const x = numericValue(a);
    const y = numericValue(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    if (!Number.isNaN(x)) return -1;
    if (!Number.isNaN(y)) return 1;
    return collator.compare(a, b);
  };
}
