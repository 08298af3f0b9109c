import * as assert from 'node:assert/strict';
import { escapeIcons, pickText } from '../../../src/core/pickText';

suite('pickText: server text in quick picks', () => {
  test('icon syntax is escaped wherever it appears, so it shows as typed', () => {
    assert.equal(escapeIcons('$(warning) Prices $(sync~spin)'), '\\$(warning) Prices \\$(sync~spin)');
    assert.equal(escapeIcons('costs $5 (approx.)'), 'costs $5 (approx.)', 'a dollar not followed by ( stays');
  });

  test('an escape already in the text stays visible rather than turning into an icon', () => {
    // VS Code reads `\\$(x)` as a literal backslash followed by an escaped `$(x)`.
    assert.equal(escapeIcons('\\$(x)'), '\\\\$(x)');
  });

  test('pickText: one line, control characters removed, capped, then escaped', () => {
    assert.equal(pickText('  $(error)\u202e\nAgent\u001b[31m  one '), '\\$(error) Agent one');
    assert.equal(pickText('$('.repeat(10), 5), '\\$(\\$(…');
    assert.equal(pickText(undefined), '');
    assert.equal(pickText(42), '42');
  });
});
