import assert from 'node:assert/strict';
import { formatMessage, l10n, useTranslate } from '../../../../src/core/text/l10n';
import { forNotification } from '../../../../src/core/text/sinks';

suite('l10n port: core strings go through one translate function', () => {
  test('the default is English with {n} substitution, in one pass, as vscode.l10n.t does', () => {
    assert.equal(l10n.t('Run {0} of {1} failed', 7, 'Prices'), 'Run 7 of Prices failed');
    assert.equal(formatMessage('{0} and {0}', ['a']), 'a and a');
    assert.equal(formatMessage('{0}', ['{1}', 'x']), '{1}', 'an argument is never substituted again');
    assert.equal(formatMessage('missing {2}', ['a']), 'missing {2}', 'a placeholder without argument stays visible');
    assert.equal(formatMessage('no placeholders', []), 'no placeholders');
  });

  test('an installed translator receives the English message and the arguments; restore puts the previous one back', () => {
    const seen: unknown[][] = [];
    const restore = useTranslate((message, ...args) => {
      seen.push([message, ...args]);
      return `«${formatMessage(message, args)}»`;
    });
    try {
      assert.equal(l10n.t('Stop {0}?', 'run 3'), '«Stop run 3?»');
      assert.deepEqual(seen, [['Stop {0}?', 'run 3']]);
    } finally {
      restore();
    }
    assert.equal(l10n.t('Stop {0}?', 'run 3'), 'Stop run 3?');
  });

  test('translated text with server arguments still goes through the sink: the argument cannot become a link', () => {
    const message = forNotification(l10n.t('Run {0} failed: {1}', 12, '[Open log](command:sequentum.killRun?1)'));
    assert.equal(message, 'Run 12 failed: [Open log] (command:sequentum.killRun?1)');
  });
});
