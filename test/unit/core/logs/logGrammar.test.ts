// The sequentum-log TextMate grammar over a log document as the extension builds it: only the
// header (the document's first line) is a comment; a log line that starts with '#' is the server's
// text. Run logs have no comment syntax (the simulator's lines are "time LEVEL message"; the API
// reference documents none). vscode-textmate is not installed, so a small tokenizer runs the
// grammar's own regexes the way it does: earliest match wins, ties go to the first pattern, \A only
// on the first line, a begin rule's content runs to the end of the line.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunStatus } from '../../../../src/core/api/model';
import { logDocumentContent } from '../../../../src/core/logs/logDocument';

interface Rule {
  include?: string;
  match?: string;
  name?: string;
  begin?: string;
  beginCaptures?: Record<string, { name?: string }>;
  contentName?: string;
  patterns?: Rule[];
}
interface Grammar {
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const grammar = JSON.parse(readFileSync(join(__dirname, '../../../../syntaxes/sequentum-log.tmLanguage.json'), 'utf8')) as Grammar;

/** The single-regex rules a pattern list stands for, includes resolved, in order. */
function flatten(patterns: readonly Rule[]): Rule[] {
  return patterns.flatMap((rule) => {
    const resolved = rule.include ? grammar.repository[rule.include.slice(1)] : rule;
    return resolved.match ?? resolved.begin ? [resolved] : flatten(resolved.patterns ?? []);
  });
}

/** Oniguruma's \A as vscode-textmate resolves it: the document's start on its first line, nothing elsewhere. */
function regexOf(source: string, firstLine: boolean): RegExp {
  return new RegExp(source.replace(/\\A/g, firstLine ? '^' : '(?!)'), 'g');
}

/** The scopes a line's top-level tokens get, as [text, scope] pairs (unscoped text left out). */
function tokenize(line: string, lineIndex: number): Array<[string, string]> {
  const rules = flatten(grammar.patterns);
  const tokens: Array<[string, string]> = [];
  let position = 0;
  while (position < line.length) {
    let best: { rule: Rule; match: RegExpExecArray } | undefined;
    for (const rule of rules) {
      const regex = regexOf(rule.match ?? rule.begin ?? '', lineIndex === 0);
      regex.lastIndex = position;
      const match = regex.exec(line);
      if (match && match[0].length > 0 && (!best || match.index < best.match.index)) best = { rule, match };
    }
    if (!best) break;
    const { rule, match } = best;
    if (rule.match) {
      tokens.push([match[0], rule.name ?? '']);
      position = match.index + match[0].length;
      continue;
    }
    const levelScope = rule.beginCaptures?.['2']?.name;
    if (levelScope) tokens.push([match[2] ?? '', levelScope]);
    tokens.push([line.slice(match.index + match[0].length), rule.contentName ?? '']); // the begin rule ends at "$"
    break;
  }
  return tokens;
}

const commentsOf = (text: string): string[] =>
  text.split('\n').flatMap((line, index) => tokenize(line, index).filter(([, scope]) => /^comment\.line/.test(scope)).map(([token]) => token));

const run = { id: 4711, agentId: 7, status: RunStatus.Failure };

suite('sequentum-log grammar: comments', () => {
  test('the header is the only comment; log lines starting with # are the server’s text', () => {
    const log = [
      '2026-11-30T10:00:00.000Z INFO  Run 4711 of agent "Products" (version 3) queued',
      '# of products found: 12',
      '#3 retry of https://shop.example.com/page/3',
      '2026-11-30T10:00:05.000Z ERROR Success criteria not met: expected at least 1 record, got 0',
    ].join('\n');
    const document = logDocumentContent('Products', { run, text: `${log}\n`, complete: true });
    const [header] = document.split('\n');
    assert.match(header, /^# Products · run #4711 · Failure · complete$/);
    assert.deepEqual(commentsOf(document), [header]);
    const lines = document.split('\n');
    assert.deepEqual(tokenize(lines[1], 1), [['2026-11-30T10:00:00.000Z', 'constant.numeric.date.timestamp.sequentum-log'], ['INFO', 'markup.inserted.info.sequentum-log storage.type.info.sequentum-log'], ['4711', 'constant.numeric.sequentum-log'], ['"Products"', 'string.quoted.double.sequentum-log'], ['3', 'constant.numeric.sequentum-log']]);
    assert.deepEqual(tokenize(lines[2], 2), [['12', 'constant.numeric.sequentum-log']], 'a "#" line is plain text with its number');
    assert.equal(tokenize(lines[3], 3).find(([token]) => token.startsWith('https://'))?.[1], 'markup.underline.link.sequentum-log');
    assert.deepEqual(tokenize(lines[4], 4), [['ERROR', 'markup.deleted.error.sequentum-log invalid.illegal.error.sequentum-log'], [' Success criteria not met: expected at least 1 record, got 0', 'markup.deleted.message.error.sequentum-log']]);
  });

  test('a run without a log: the header is the comment, the line saying so is not a log comment either', () => {
    const document = logDocumentContent('Products', { run, text: '', complete: true });
    assert.deepEqual(document.split('\n'), ['# Products · run #4711 · Failure · complete', 'This run has no log.', '']);
    assert.deepEqual(commentsOf(document), ['# Products · run #4711 · Failure · complete']);
  });
});
