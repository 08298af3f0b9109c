import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ConfigurationError } from '../../../../src/core/api/errors';
import type { RunDiagnostics } from '../../../../src/core/api/model';
import { diagnosticsMarkdown } from '../../../../src/core/failures/diagnosticsMarkdown';
import { dashboardUrl } from '../../../../src/core/tree/dashboardUrl';
import { isTextFile, languageOf, safeFileName } from '../../../../src/core/tree/fileKinds';

// markdown-it (a devDependency) with HTML on: what the preview would make of the document.
const renderMarkdown = (source: string): string =>
  (createRequire(__filename)('markdown-it') as (options: object) => { render(s: string): string })({ html: true, linkify: true }).render(source);

suite('dashboard links, diagnostics document, file kinds', () => {
  test('dashboard URL on the validated origin; refuses http:// to a remote host', () => {
    assert.equal(dashboardUrl('https://dashboard.sequentum.com/api/v1/', { agentId: 4711, runId: 9 }), 'https://dashboard.sequentum.com/agents/4711/runs/9');
    assert.throws(() => dashboardUrl('http://evil.example', { agentId: 1 }), ConfigurationError);
  });

  test('diagnostics document: sections, stats, escaped server text', () => {
    const markdown = diagnosticsMarkdown(
      {
        status: 6,
        errorMessage: 'Timeout\n# not a heading',
        stats: { dataCount: 1204, errorCount: 3 },
        possibleCauses: ['Site changed <b>layout</b>'],
        suggestedActions: [],
      },
      { agentId: 5, agentName: 'Shop *prices*', runId: 77, locale: 'en-US' },
    );
    assert.match(markdown, /^# Why did Shop \\\*prices\\\* fail\\\?$/m);
    assert.match(markdown, /- \*\*Run:\*\* \\#77/);
    assert.match(markdown, /\| Records extracted \| 1\\,204 \|/);
    assert.match(markdown, /Timeout {2}\n\\# not a heading/);
    assert.ok(markdown.includes('- Site changed \\<b\\>layout\\<\\/b\\>'), markdown);
    assert.match(markdown, /_The server suggested no actions\\\._/);
  });

  test('diagnostics document: the Stats table has a real header; a server stat name stays text in its own cell', () => {
    const stats = { dataCount: 1204, 'pages|<b>x</b>': 2 } as RunDiagnostics['stats'];
    const html = renderMarkdown(diagnosticsMarkdown({ stats, possibleCauses: [], suggestedActions: [] }, { agentId: 5, locale: 'en-US' }));
    const table = /<table>[\s\S]*<\/table>/.exec(html)?.[0] ?? '';
    const cells = (tag: string, part: string) => [...part.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'g'))].map((m) => m[1]);
    const [head, body] = table.split('</thead>');
    assert.deepEqual(cells('th', head ?? ''), ['Stat', 'Value'], table);
    assert.deepEqual(cells('td', body ?? ''), ['Records extracted', '1,204', 'pages|&lt;b&gt;x&lt;/b&gt;', '2'], table);
  });

  test('text files open in an editor with a language; names are made safe', () => {
    assert.deepEqual(['a.csv', 'B.JSON', 'run.log', 'x.xml', 'p.html', 'y.png', 'z'].map(isTextFile), [true, true, true, true, true, false, false]);
    assert.equal(languageOf('data.csv'), 'csv');
    assert.equal(safeFileName('../../etc/passwd', 'f'), '_.._etc_passwd');
    assert.equal(safeFileName('...', 'file-3'), 'file-3');
  });
});
