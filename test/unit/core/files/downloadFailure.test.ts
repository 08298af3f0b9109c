import * as assert from 'node:assert/strict';
import { NetworkError, NoApiKeyError } from '../../../../src/core/api/errors';
import { describeDownloadFailure } from '../../../../src/core/files/downloadFailure';
import { problem } from '../../../support/builders';

const target = { name: 'data.csv', folder: '/home/me/exports' };
const diskError = (code: string): Error => Object.assign(new Error(`${code}: something, write`), { code });

suite('a failed download in words', () => {
  test('disk errors name the folder and stop a batch (every later file would fail the same way)', () => {
    const cases: Array<[string, RegExp, boolean]> = [
      ['ENOSPC', /^Not enough disk space in \/home\/me\/exports to save data\.csv\.$/, true],
      ['EDQUOT', /^The disk quota of \/home\/me\/exports is used up; data\.csv was not saved\.$/, true],
      ['EACCES', /^No permission to write to \/home\/me\/exports\.$/, true],
      ['EPERM', /^No permission to write to \/home\/me\/exports\.$/, true],
      ['EROFS', /^\/home\/me\/exports is on a read-only file system\.$/, true],
      ['EISDIR', /^data\.csv in \/home\/me\/exports is a folder; a file cannot replace it\.$/, false],
      ['EXDEV', /^Could not write data\.csv to \/home\/me\/exports \(EXDEV\)\.$/, false],
    ];
    for (const [code, words, affectsAll] of cases) {
      const failure = describeDownloadFailure(diskError(code), target);
      assert.match(failure.message, words, code);
      assert.equal(failure.affectsAll, affectsAll, code);
    }
    assert.equal(describeDownloadFailure(diskError('ENOSPC'), target).retryable, true, 'free some space, then Retry');
    assert.equal(describeDownloadFailure(diskError('EISDIR'), target).retryable, false);
  });

  test('HTTP answers: a 404 says the file is gone; a 403 names the refused link; a refused key stops a batch', () => {
    const gone = describeDownloadFailure(problem(404, 'Not Found', 'The specified blob does not exist.'), target);
    assert.equal(gone.message, 'data.csv is no longer on the server (404): The specified blob does not exist.');
    assert.deepEqual([gone.retryable, gone.affectsAll], [false, false]);
    const refused = describeDownloadFailure(problem(403, 'AuthenticationFailed', 'Signed expiry time has passed.'), target);
    assert.match(refused.message, /^The download of data\.csv was refused \(403\): Signed expiry time has passed\. Its download link may have expired/);
    assert.equal(refused.retryable, true);
    assert.equal(describeDownloadFailure(problem(401, 'Unauthorized'), target).affectsAll, true);
    assert.equal(describeDownloadFailure(new NoApiKeyError(), target).affectsAll, true);
  });

  test('a network error keeps its own words (how far it got, how often it tried) and is not mistaken for a disk error', () => {
    const failure = describeDownloadFailure(new NetworkError('The connection broke during the download (after 1.0 MB of 4.0 MB). Nothing was saved.', 'ECONNRESET'), target);
    assert.match(failure.message, /^Could not download data\.csv: Cannot reach the Sequentum server: The connection broke during the download \(after 1\.0 MB of 4\.0 MB\)\. Nothing was saved\.$/);
    assert.deepEqual([failure.retryable, failure.affectsAll], [true, false]);
  });
});
