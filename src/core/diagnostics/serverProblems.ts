import type { OffsetRange } from '../runConfig/runConfigDocument';
import type { DiagnosticDescription } from './diagnosticDescription';

/** One text change as the editor reports it: offsets refer to the text before the change. */
export interface TextChange {
  offset: number;
  /** Characters replaced. */
  length: number;
  /** Characters inserted. */
  insertedLength: number;
}

/**
 * The problems the server reported for one file, kept as offsets so they follow edits elsewhere
 * in the file and survive the file being closed and reopened. A problem goes away when its own
 * range is edited, when the next start of its entry succeeds, or when the file is deleted.
 */
export class ServerProblemStore {
  private readonly byFile = new Map<string, DiagnosticDescription[]>();

  get(uri: string): readonly DiagnosticDescription[] {
    return this.byFile.get(uri) ?? [];
  }

  /** Replaces the problems of one entry (a new refusal supersedes the previous one). */
  setForEntry(uri: string, entryIndex: number, problems: readonly DiagnosticDescription[]): void {
    const kept = this.get(uri).filter((p) => p.entryIndex !== entryIndex);
    this.update(uri, [...kept, ...problems]);
  }

  /** After a successful start: drops the entry's problems (by index, and any inside its range). */
  clearEntry(uri: string, entryIndex: number, entryRange?: OffsetRange): boolean {
    const before = this.get(uri);
    const after = before.filter(
      (p) => p.entryIndex !== entryIndex && !(entryRange && p.range.start >= entryRange.start && p.range.end <= entryRange.end),
    );
    this.update(uri, after);
    return after.length !== before.length;
  }

  /** The file was deleted (or renamed away). */
  clearFile(uri: string): boolean {
    return this.byFile.delete(uri);
  }

  /**
   * Applies edits: problems whose range the edit touches are removed (the user is fixing it);
   * problems after the edit shift. Returns true when anything changed.
   */
  applyChanges(uri: string, changes: readonly TextChange[]): boolean {
    const problems = this.byFile.get(uri);
    if (!problems || changes.length === 0) return false;
    const next = applyChangesToRanges(problems, changes);
    this.update(uri, next);
    return true;
  }

  /** Drops problems that no longer fit the text (the file changed on disk while closed). */
  clampTo(uri: string, textLength: number): boolean {
    const before = this.get(uri);
    const after = before.filter((p) => p.range.end <= textLength);
    this.update(uri, after);
    return after.length !== before.length;
  }

  files(): string[] {
    return [...this.byFile.keys()];
  }

  private update(uri: string, problems: DiagnosticDescription[]): void {
    if (problems.length === 0) this.byFile.delete(uri);
    else this.byFile.set(uri, problems);
  }
}

/**
 * What a file publishes: its server problems, then the edit-time and reference results, minus
 * any a server problem already reports at the same range with the same code (e.g. an unknown
 * agent after a refused start), since the server's carries the docs link. The hidden result's
 * quick fix moves onto the server problem; once that problem goes (its range edited), the
 * recomputed check shows again.
 */
export function publishedDiagnostics(server: readonly DiagnosticDescription[], checked: readonly DiagnosticDescription[]): DiagnosticDescription[] {
  const result = [...server];
  const kept: DiagnosticDescription[] = [];
  for (const check of checked) {
    const i = check.code ? server.findIndex((p) => p.code?.value === check.code?.value && p.range.start === check.range.start && p.range.end === check.range.end) : -1;
    if (i < 0) kept.push(check);
    else if (check.quickFix && !result[i].quickFix) result[i] = { ...result[i], quickFix: check.quickFix };
  }
  return [...result, ...kept];
}

/** Pure core of {@link ServerProblemStore.applyChanges}. */
export function applyChangesToRanges<T extends { range: OffsetRange }>(items: readonly T[], changes: readonly TextChange[]): T[] {
  // Apply from the end of the file backwards so every change's offsets are still valid.
  const ordered = [...changes].sort((a, b) => b.offset - a.offset);
  let current = [...items];
  for (const change of ordered) {
    const changeEnd = change.offset + change.length;
    const delta = change.insertedLength - change.length;
    current = current.flatMap((item) => {
      const { start, end } = item.range;
      // Touching counts as editing: typing right after "4711" changes that value.
      if (change.offset <= end && changeEnd >= start) return [];
      if (changeEnd < start) return [{ ...item, range: { start: start + delta, end: end + delta } }];
      return [item];
    });
  }
  return current;
}

/** Offset → zero-based line/character, for files that are not open in an editor. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */ && text.charCodeAt(i + 1) === 10) continue;
      if (ch === 10 || ch === 13) this.lineStarts.push(i + 1);
    }
  }

  positionAt(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.lineStarts[low] };
  }
}
