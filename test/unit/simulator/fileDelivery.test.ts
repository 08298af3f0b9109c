import * as assert from 'node:assert/strict';
import { generatedBytes } from '../../../simulator/fileDelivery';
import type { Simulator } from '../../../simulator/index';
import { call, useFastSimulator } from '../../support/simulatorCalls';

suite('simulator: file store ranges and big files', () => {
  let sim!: Simulator;
  useFastSimulator((started) => (sim = started));

  /** The signed file-store URL of a new file (through the real F2 redirect). */
  async function signedUrl(file: { size?: number; content?: string; delivery?: { noRanges?: boolean } }): Promise<string> {
    const agentId = sim.control.addAgent({ name: 'Ranges' }).id;
    const runId = sim.control.addRun(agentId, { status: 10 }).id;
    const fileId = sim.control.addFile(agentId, runId, { name: 'f.csv', ...file }).id;
    const answer = await call(sim, `/api/v1/agent/${agentId}/run/${runId}/file/${fileId}/download`);
    assert.equal(answer.status, 302);
    return answer.headers.get('location') ?? '';
  }

  test('Range gives 206 with Content-Range, past the end 416, If-Range with another ETag the whole file', async () => {
    const url = await signedUrl({ content: '0123456789' });
    const whole = await fetch(url);
    const etag = whole.headers.get('etag') ?? '';
    assert.deepEqual([whole.status, await whole.text(), whole.headers.get('accept-ranges')], [200, '0123456789', 'bytes']);
    const part = await fetch(url, { headers: { Range: 'bytes=4-', 'If-Range': etag } });
    assert.deepEqual([part.status, await part.text(), part.headers.get('content-range')], [206, '456789', 'bytes 4-9/10']);
    const bounded = await fetch(url, { headers: { Range: 'bytes=2-3' } });
    assert.deepEqual([bounded.status, await bounded.text()], [206, '23']);
    const past = await fetch(url, { headers: { Range: 'bytes=10-' } });
    assert.deepEqual([past.status, past.headers.get('content-range')], [416, 'bytes */10']);
    await past.text();
    const changed = await fetch(url, { headers: { Range: 'bytes=4-', 'If-Range': '"another-version"' } });
    assert.deepEqual([changed.status, await changed.text()], [200, '0123456789']);
    assert.equal(sim.control.counters().fileStore.rangeRequests, 2);
  });

  test('a big generated file: any range equal to generatedBytes, no ranges when switched off', async () => {
    const size = 5 * 65_536 + 123;
    const url = await signedUrl({ size });
    const part = await fetch(url, { headers: { Range: `bytes=${65_536 - 5}-${65_536 + 20}` } });
    assert.equal(part.status, 206);
    const bytes = Buffer.from(await part.arrayBuffer());
    assert.ok(bytes.equals(generatedBytes(65_536 - 5, 26)));
    assert.match(bytes.toString('latin1'), /000000000000001\n/, 'block 1 starts with its number');
    const noRanges = await signedUrl({ size, delivery: { noRanges: true } });
    const ignored = await fetch(noRanges, { headers: { Range: 'bytes=100-' } });
    assert.deepEqual([ignored.status, ignored.headers.get('content-length'), ignored.headers.get('accept-ranges')], [200, String(size), null]);
    await ignored.arrayBuffer();
  });
});
