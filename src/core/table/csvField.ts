const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The text of field `column` of one CSV row (`bytes[start, end)`, its line break included) without
 * parsing the other fields into strings: the sort and filter passes need one column of every row.
 * It reads what csv-parse reads with csvSource.ts's options for regular rows: quoted fields with
 * `""`, embedded newlines, CRLF. For anything csv-parse reads differently — a CR that is not the
 * row's CRLF (csv-parse may take it as a record delimiter) or characters after a closing quote
 * (relax_quotes keeps the whole field literally) — it returns undefined and the caller asks
 * csv-parse. A row with fewer fields gives ''.
 */
export function csvField(bytes: Buffer, start: number, end: number, column: number): string | undefined {
  let rowEnd = end;
  if (rowEnd > start && bytes[rowEnd - 1] === LF) rowEnd--;
  if (rowEnd > start && bytes[rowEnd - 1] === CR) rowEnd--;
  let field = 0;
  let at = start;
  for (;;) {
    const quoted = at < rowEnd && bytes[at] === QUOTE;
    let fieldEnd: number;
    let next: number;
    if (quoted) {
      let i = at + 1;
      let closed = -1;
      while (i < rowEnd) {
        if (bytes[i] === QUOTE) {
          if (bytes[i + 1] === QUOTE && i + 1 < rowEnd) {
            i += 2;
            continue;
          }
          closed = i;
          break;
        }
        if (bytes[i] === CR && bytes[i + 1] !== LF) return undefined;
        i++;
      }
      if (closed < 0) return undefined;
      if (closed + 1 < rowEnd && bytes[closed + 1] !== COMMA) return undefined;
      fieldEnd = closed;
      next = closed + 2;
    } else {
      let i = at;
      while (i < rowEnd && bytes[i] !== COMMA) {
        if (bytes[i] === CR) return undefined;
        i++;
      }
      fieldEnd = i;
      next = i + 1;
    }
    if (field === column) {
      if (!quoted) return bytes.toString('utf8', at, fieldEnd);
      const text = bytes.toString('utf8', at + 1, fieldEnd);
      return text.includes('"') ? text.replace(/""/g, '"') : text;
    }
    if (next > rowEnd) return '';
    field++;
    at = next;
  }
}
