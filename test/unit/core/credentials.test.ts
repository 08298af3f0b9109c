import * as assert from 'node:assert/strict';
import { validateApiKeyInput } from '../../../src/core/credentials';
import { redact } from '../../../src/core/log';

suite('credentials', () => {
  test('accepts a Sequentum key and refuses paste mistakes', () => {
    assert.equal(validateApiKeyInput('sk-live-0123456789abcdef'), undefined);
    assert.match(validateApiKeyInput('   ') ?? '', /Enter the API key/);
    assert.match(validateApiKeyInput('sk-abc def-123') ?? '', /no spaces/);
    assert.match(validateApiKeyInput('sk-1') ?? '', /too short/);
  });

  test('redact removes every occurrence of the key', () => {
    const key = 'sk-secret-4711';
    assert.equal(redact(`Authorization: ApiKey ${key} (${key})`, [key]), 'Authorization: ApiKey «redacted» («redacted»)');
    assert.equal(redact('nothing here', [undefined, '']), 'nothing here');
  });
});
