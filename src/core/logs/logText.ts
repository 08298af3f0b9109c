import type { RunFile } from '../api/model';
import { htmlToText } from '../text/htmlText';
import { stripControl } from '../text/untrustedText';

/** §8 F1 fileType codes of a run's logs (the server may also send their names). */
const LOG_TEXT = 6;
const LOG_HTML = 7;

/** How a log file's bytes become the document's text. */
export type LogFormat = 'text' | 'html';

/**
 * The run's log among its files: the text log (fileType 6 / "LogText"), else the HTML log
 * (7 / "LogHtml"), else a file named `*.log` or `*.txt` whose type the server left out.
 * Undefined while the run has none yet (a queued run) or never gets one.
 */
export function findLogFile(files: readonly RunFile[]): { file: RunFile; format: LogFormat } | undefined {
  const typed = (code: number, name: string): RunFile | undefined =>
    files.find((f) => f.fileType === code || (typeof f.fileType === 'string' && f.fileType.toLowerCase() === name));
  const text = typed(LOG_TEXT, 'logtext') ?? files.find((f) => f.fileType === undefined && /\.(log|txt)$/i.test(f.name));
  if (text) return { file: text, format: 'text' };
  const page = typed(LOG_HTML, 'loghtml');
  return page ? { file: page, format: 'html' } : undefined;
}

/** Lines longer than this are cut (a minified blob in a log line would make the editor crawl). */
const MAX_LINE_CHARS = 4000;

/**
 * The log as the document shows it: control, ANSI and bidi characters removed (server text must
 * not disguise what a person reads), CR/LF unified, over-long lines cut. An HTML log becomes its
 * text, one line per line or block of the page — never rendered.
 */
export function logDocumentText(raw: string, format: LogFormat): string {
  const source = format === 'html' ? htmlLogLines(raw) : stripControl(raw).split('\n');
  return source.map((line) => (line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line)).join('\n');
}

function htmlLogLines(page: string): string[] {
  const broken = stripControl(page).replace(/<br\s*\/?>|<\/(?:p|div|li|tr|h[1-6]|pre)\s*>/gi, '\n');
  return broken
    .split('\n')
    .map((line) => htmlToText(line))
    .filter((line) => line !== '');
}

/** Severity of a log line as the outline and the grammar see it. */
export type LogLevel = 'fatal' | 'error' | 'warning' | 'info' | 'debug';

/**
 * A level word near the start of the line (after an optional timestamp and bracket), as common
 * loggers write it: `ERROR`, `[Error]`, `WARN:`, `Fatal`. The same words the grammar colours.
 */
const LEVEL = /^(?:\S+\s+){0,2}?[[(]?(FATAL|CRITICAL|ERROR|ERR|EXCEPTION|WARNING|WARN|INFO|INFORMATION|DEBUG|TRACE|VERBOSE)\b[\])]?:?/i;

export function levelOf(line: string): LogLevel | undefined {
  const match = LEVEL.exec(line);
  if (!match) return undefined;
  switch (match[1].toUpperCase()) {
    case 'FATAL':
    case 'CRITICAL':
      return 'fatal';
    case 'ERROR':
    case 'ERR':
    case 'EXCEPTION':
      return 'error';
    case 'WARNING':
    case 'WARN':
      return 'warning';
    case 'DEBUG':
    case 'TRACE':
    case 'VERBOSE':
      return 'debug';
    default:
      return 'info';
  }
}

/** One error or warning of the log: its 0-based line and the text after the timestamp and level. */
export interface LogProblem {
  line: number;
  level: 'fatal' | 'error' | 'warning';
  message: string;
}

/** Most problems listed: a log with 100,000 warnings gets an outline, not a freeze. */
export const MAX_LOG_PROBLEMS = 500;

/** The log's errors and warnings, in order (the outline's entries; the first error is one click away). */
export function logProblems(text: string, max = MAX_LOG_PROBLEMS): LogProblem[] {
  const problems: LogProblem[] = [];
  const lines = text.split('\n');
  for (let line = 0; line < lines.length && problems.length < max; line++) {
    const level = levelOf(lines[line]);
    if (level !== 'fatal' && level !== 'error' && level !== 'warning') continue;
    const message = lines[line].replace(LEVEL, '').trim() || lines[line].trim();
    problems.push({ line, level, message });
  }
  return problems;
}
