import * as assert from 'node:assert/strict';
import { logHeader } from '../../../../src/core/logs/logDocument';
import { findLogFile, levelOf, logDocumentText, logProblems, MAX_LOG_PROBLEMS } from '../../../../src/core/logs/logText';

suite('Run log text: which file, what is shown, where the errors are', () => {
  test('the text log wins over the HTML log; fileType as code or name; an untyped *.log as a last resort', () => {
    const csv = { id: 1, name: 'data.csv', fileType: 1 };
    const html = { id: 2, name: 'run.html', fileType: 7 };
    const text = { id: 3, name: 'run.log', fileType: 6 };
    assert.equal(findLogFile([csv, html, text])?.file, text);
    assert.equal(findLogFile([csv, html])?.format, 'html');
    assert.equal(findLogFile([{ id: 4, name: 'x', fileType: 'LogText' }])?.file.id, 4);
    assert.equal(findLogFile([{ id: 5, name: 'x', fileType: 'LogHtml' }])?.format, 'html');
    assert.equal(findLogFile([{ id: 6, name: 'agent.log' }])?.file.id, 6);
    assert.equal(findLogFile([csv, { id: 7, name: 'notes.log', fileType: 1 }]), undefined, 'a delivered file named .log is output, not the log');
    assert.equal(findLogFile([]), undefined);
  });

  test('server text cannot disguise itself: ANSI, control and bidi characters go; CRLF unified; long lines cut', () => {
    const raw = '2026-11-30T10:00:00Z \u001b[31mERROR\u001b[0m bad\r\nline\u202e two\u0007\n' + 'x'.repeat(10_000);
    const shown = logDocumentText(raw, 'text').split('\n');
    assert.equal(shown[0], '2026-11-30T10:00:00Z ERROR bad');
    assert.equal(shown[1], 'line two');
    assert.equal(shown[2].length, 4000);
    assert.ok(shown[2].endsWith('…'));
  });

  test('an HTML log becomes its text line by line, never markup', () => {
    const page = '<html><head><title>t</title><script>alert(1)</script></head><body><pre>10:00:01 INFO start\n10:00:02 ERROR <b>boom</b> &amp; more</pre><p>tail</p></body></html>';
    assert.deepEqual(logDocumentText(page, 'html').split('\n'), ['10:00:01 INFO start', '10:00:02 ERROR boom & more', 'tail']);
  });

  test('levels as loggers write them; a level word deep inside the message is not the line\'s level', () => {
    assert.equal(levelOf('2026-11-30T10:00:00.000Z ERROR Timeout'), 'error');
    assert.equal(levelOf('2026-11-30 10:00:00,123 [Warning] slow'), 'warning');
    assert.equal(levelOf('FATAL: out of memory'), 'fatal');
    assert.equal(levelOf('10:00:00 (debug) x'), 'debug');
    assert.equal(levelOf('2026-11-30T10:00:00Z INFO  Navigating'), 'info');
    assert.equal(levelOf('Extracted 10 records after an error page'), undefined);
    assert.equal(levelOf(''), undefined);
  });

  test('problems in order with their lines and messages, capped', () => {
    const text = ['a INFO ok', 'a WARN slow page', 'a ERROR Timeout waiting', 'b INFO next', 'c FATAL gone'].join('\n');
    assert.deepEqual(logProblems(text), [
      { line: 1, level: 'warning', message: 'slow page' },
      { line: 2, level: 'error', message: 'Timeout waiting' },
      { line: 4, level: 'fatal', message: 'gone' },
    ]);
    const many = Array.from({ length: MAX_LOG_PROBLEMS + 50 }, (_, i) => `t ERROR ${i}`).join('\n');
    assert.equal(logProblems(many).length, MAX_LOG_PROBLEMS);
  });

  test('the header stays one line whatever status name the server sends (the outline counts on it)', () => {
    const header = logHeader('Products', { id: 7, status: -1, statusName: 'Paused\n10:00:01 ERROR forged\u202e' }, 'following');
    assert.equal(header.split('\n').length, 1);
    assert.ok(!header.includes('\u202e'));
    assert.match(header, /unknown \(Paused 10:00:01 ERROR forged\)/);
  });
});
