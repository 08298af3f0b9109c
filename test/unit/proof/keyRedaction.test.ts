// The key never survives, not even in part: echoed at every offset around every length cap, in
// every problem member and in non-JSON bodies, nothing of 8 characters from it reaches what a
// person or a log sees. Each suite has a negative control, so these checks can fail.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createSequentumClient, type SequentumClient } from '../../../src/core/api/client';
import { MalformedResponseError, ProblemError } from '../../../src/core/api/errors';
import {
  MAX_DETAIL_CHARS,
  MAX_POINTER_CHARS,
  MAX_REFERENCE_CHARS,
  MAX_TITLE_CHARS,
  parseProblem,
} from '../../../src/core/api/problemDetails';
import { describeFailure } from '../../../src/core/errors/failureNotification';
import { problemDiagnostics } from '../../../src/core/diagnostics/problemDiagnostics';
import { redact, REDACTED } from '../../../src/core/log';
import { parseRunConfig } from '../../../src/core/runConfig/runConfigDocument';
import { describeTreeError } from '../../../src/core/tree/treeErrors';
import { API_KEY, clientOptions, quietLog, settings, startTestServer, text, type TestServer } from '../../support/httpServer';
import { keyPiecesIn, leakingTexts } from '../../support/keyPieces';

interface Placement {
  name: string;
  /** The length cap that applies to the member the key is put in. */
  cap: number;
  /** A body with `echo` (filler + key + tail) in that member. */
  body(echo: string): { body: string; contentType: string };
}

const problemJson = (value: unknown) => ({ body: JSON.stringify(value), contentType: 'application/problem+json' });
const legacyJson = (value: Record<string, unknown>) => ({ body: JSON.stringify({ statusCode: 400, ...value }), contentType: 'application/json' });
/** `\uXXXX` for every character: the raw body holds nothing of the key, the parsed string all of it. */
const unicodeEscaped = (text: string) => [...text].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** Every problem member and non-JSON body shape the key could be echoed into, with its cap. */
const PLACEMENTS: Placement[] = [
  { name: 'RFC title', cap: MAX_TITLE_CHARS, body: (echo) => problemJson({ title: echo, status: 400 }) },
  { name: 'RFC detail', cap: MAX_DETAIL_CHARS, body: (echo) => problemJson({ title: 'Bad', status: 400, detail: echo }) },
  { name: 'RFC type', cap: MAX_REFERENCE_CHARS, body: (echo) => problemJson({ type: echo, title: 'Bad', status: 400 }) },
  { name: 'RFC instance', cap: MAX_REFERENCE_CHARS, body: (echo) => problemJson({ title: 'Bad', status: 400, instance: echo }) },
  { name: 'errors[].detail', cap: MAX_DETAIL_CHARS, body: (echo) => problemJson({ title: 'Bad', status: 400, errors: [{ pointer: '/name', detail: echo }] }) },
  { name: 'errors[].pointer', cap: MAX_POINTER_CHARS + 1, body: (echo) => problemJson({ title: 'Bad', status: 400, errors: [{ pointer: `/${echo}`, detail: 'd' }] }) },
  { name: 'errors[].field', cap: MAX_POINTER_CHARS + 1, body: (echo) => problemJson({ title: 'Bad', status: 400, errors: [{ field: echo, detail: 'd' }] }) },
  { name: 'ASP.NET errors map: field name', cap: MAX_POINTER_CHARS + 1, body: (echo) => problemJson({ title: 'Bad', status: 400, errors: { [echo]: ['d'] } }) },
  { name: 'ASP.NET errors map: message', cap: MAX_DETAIL_CHARS, body: (echo) => problemJson({ title: 'Bad', status: 400, errors: { Name: [echo] } }) },
  { name: 'extension member value (nested)', cap: MAX_DETAIL_CHARS, body: (echo) => problemJson({ title: 'Bad', status: 400, debug: { request: { headers: [echo] } } }) },
  { name: 'extension member name', cap: MAX_TITLE_CHARS, body: (echo) => problemJson({ title: 'Bad', status: 400, [echo]: 1 }) },
  { name: 'legacy statusDescription', cap: MAX_TITLE_CHARS, body: (echo) => legacyJson({ statusDescription: echo, message: 'm' }) },
  { name: 'legacy message', cap: MAX_DETAIL_CHARS, body: (echo) => legacyJson({ statusDescription: 'Bad', message: echo }) },
  { name: 'legacy errorCode', cap: MAX_REFERENCE_CHARS, body: (echo) => legacyJson({ statusDescription: 'Bad', errorCode: echo }) },
  { name: 'JSON of no known shape (shown whole)', cap: MAX_DETAIL_CHARS, body: (echo) => ({ body: JSON.stringify({ oops: echo }), contentType: 'application/json' }) },
  { name: 'JSON with the key \\u-escaped', cap: MAX_DETAIL_CHARS, body: (echo) => ({ body: `{"title":"Bad","detail":"${unicodeEscaped(echo)}"}`, contentType: 'application/problem+json' }) },
  { name: 'plain-text body', cap: MAX_DETAIL_CHARS, body: (echo) => ({ body: echo, contentType: 'text/plain' }) },
  { name: 'HTML body text', cap: MAX_DETAIL_CHARS, body: (echo) => ({ body: `<html><body><p>${echo}</p></body></html>`, contentType: 'text/html' }) },
  { name: 'HTML <title>', cap: MAX_TITLE_CHARS, body: (echo) => ({ body: `<html><head><title>${echo}</title></head><body>x</body></html>`, contentType: 'text/html' }) },
  { name: 'HTML with the key as character references', cap: MAX_DETAIL_CHARS, body: (echo) => ({ body: `<html><body>${[...echo].map((ch) => `&#${ch.charCodeAt(0)};`).join('')}</body></html>`, contentType: 'text/html' }) },
];

/** Filler + key + tail, the key starting at `offset`. */
const echoAt = (key: string, offset: number): string => `${'x'.repeat(offset)}${key} tail`;

/** Every start offset from "ends just before the cap" to "starts just after it". */
function offsetsAround(cap: number, key: string): number[] {
  const offsets: number[] = [0];
  for (let offset = Math.max(1, cap - key.length - 2); offset <= cap + 1; offset++) offsets.push(offset);
  return offsets;
}

/** Everything a problem can become: the error message, the notification and "Copy Details", diagnostics, the tree's error detail. */
function surfacesOf(error: unknown): string[] {
  const texts: string[] = [];
  if (error instanceof Error) texts.push(error.message, JSON.stringify(error));
  // No secrets passed: what is shown must already be clean at the source.
  const failure = describeFailure(error, []);
  if (failure) texts.push(failure.message, failure.details);
  const entry = parseRunConfig('{"runs":[{"name":"x","agentId":1}]}').entries[0];
  if (entry) for (const d of problemDiagnostics(error, entry)) texts.push(d.message, JSON.stringify(d));
  const tree = describeTreeError(error, { host: 'h', scope: 'agent', now: 0 });
  texts.push(tree.label, tree.serverDetail ?? '');
  return texts;
}

suite('Proof: the key never survives, not even in part', function () {
  this.timeout(60_000);

  suite('redact', () => {
    test('removes the key whole, cut, and any 8 characters of it; leaves other text alone', () => {
      const key = 'sk-live-4f9a0c2e7b1d8f3a';
      assert.equal(redact(`a ${key} b`, [key]), `a ${REDACTED} b`);
      // The prefix a cut leaves behind, and a middle piece.
      assert.equal(redact(`title ${key.slice(0, 11)}…`, [key]), `title ${REDACTED}…`);
      assert.equal(redact(`x${key.slice(5, 13)}y`, [key]), `x${REDACTED}y`);
      // Seven characters are not a piece; adjacent pieces become one marker.
      assert.equal(redact(key.slice(0, 7), [key]), key.slice(0, 7));
      assert.equal(redact(`${key}${key}`, [key]), REDACTED);
      assert.equal(redact('nothing here', [key, undefined, '']), 'nothing here');
    });

    test('property: no 8 characters of any key survive; text with none is unchanged', () => {
      const keyArb = fc.string({ unit: fc.constantFrom(...'abcdef0123456789-'), minLength: 12, maxLength: 48 }).map((s) => `sk-${s}`);
      fc.assert(
        fc.property(keyArb, keyArb, fc.array(fc.oneof(fc.string(), fc.nat({ max: 60 }), fc.tuple(fc.nat({ max: 60 }), fc.nat({ max: 60 })))), (first, second, recipe) => {
          // Text made of random strings and pieces of both keys (whole, prefixes, middles).
          const text = recipe
            .map((part, index) => {
              const key = index % 2 === 0 ? first : second;
              if (typeof part === 'string') return part;
              if (typeof part === 'number') return key.slice(0, part);
              return key.slice(Math.min(part[0], part[1]), Math.max(part[0], part[1]));
            })
            .join('');
          const result = redact(text, [first, second]);
          assert.deepEqual([...keyPiecesIn(result, first), ...keyPiecesIn(result, second)], []);
          if (keyPiecesIn(text, first).length === 0 && keyPiecesIn(text, second).length === 0) assert.equal(result, text);
        }),
        { numRuns: 500 },
      );
    });
  });

  suite('parseProblem: every member, every offset around its cap', () => {
    test('negative control: without the key, a key straddling the title cap leaves its prefix', () => {
      const { body, contentType } = PLACEMENTS[0].body(echoAt(API_KEY, MAX_TITLE_CHARS - 12));
      const problem = parseProblem({ status: 400, contentType, body });
      assert.ok(keyPiecesIn(problem.title, API_KEY).length > 0, problem.title);
    });

    for (const placement of PLACEMENTS) {
      test(placement.name, () => {
        const offsets = offsetsAround(placement.cap, API_KEY);
        const leaks: string[] = [];
        for (const offset of offsets) {
          const { body, contentType } = placement.body(echoAt(API_KEY, offset));
          const problem = parseProblem({ status: 400, contentType, body, secrets: [API_KEY] });
          const found = leakingTexts([JSON.stringify(problem), ...surfacesOf(new ProblemError(problem))], API_KEY);
          if (found.length > 0) leaks.push(`offset ${offset}: ${found[0]}`);
        }
        assert.deepEqual(leaks, [], `${offsets.length} offsets tried`);
      });
    }

    test('property: any member, any offset, any filler, any key', () => {
      const keyArb = fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789_-'), minLength: 16, maxLength: 64 }).map((s) => `sk-${s}`);
      fc.assert(
        fc.property(keyArb, fc.nat({ max: PLACEMENTS.length - 1 }), fc.nat({ max: 700 }), fc.string({ maxLength: 40 }), (key, which, offset, filler) => {
          const placement = PLACEMENTS[which];
          const { body, contentType } = placement.body(`${filler}${'y'.repeat(offset)}${key}${filler}`);
          const problem = parseProblem({ status: 422, contentType, body, secrets: [key] });
          assert.deepEqual(leakingTexts([JSON.stringify(problem), ...surfacesOf(new ProblemError(problem))], key), []);
        }),
        { numRuns: 400 },
      );
    });
  });

  suite('over real HTTP (test server + real client)', () => {
    let server: TestServer;
    let client: SequentumClient;
    setup(async () => {
      server = await startTestServer();
      quietLog.lines.length = 0;
      client = createSequentumClient(clientOptions(server.origin, { settings: settings({ requests: 100_000 }) }));
    });
    teardown(async () => {
      client.dispose();
      await server.close();
    });

    test('every placement at every offset around its cap: error, notification, details, diagnostics, tree, log', async () => {
      const leaks: string[] = [];
      let requests = 0;
      for (const placement of PLACEMENTS) {
        for (const offset of offsetsAround(placement.cap, API_KEY)) {
          const { body, contentType } = placement.body(echoAt(API_KEY, offset));
          server.handle((_req, res) => text(res, 400, body, contentType));
          requests++;
          const error = await client.getAgent(1).then(() => undefined, (e: unknown) => e);
          assert.ok(ProblemError.is(error), `${placement.name}: a ProblemError`);
          const found = leakingTexts(surfacesOf(error), API_KEY);
          if (found.length > 0) leaks.push(`${placement.name} @${offset}: ${found[0]}`);
        }
      }
      assert.ok(requests > 400, String(requests));
      assert.deepEqual(leaks, []);
      assert.deepEqual(leakingTexts(quietLog.lines, API_KEY), [], 'log');
    });

    test('a 2xx body that is not JSON, or of the wrong shape, quoting the key', async () => {
      const texts: string[] = [];
      // The excerpt of an unreadable body is cut at 200 characters: the key straddles the cut.
      server.handle((_req, res) => text(res, 200, `${'x'.repeat(190)}${API_KEY} not json`, 'application/json'));
      const unreadable = await client.getAgent(1).then(() => undefined, (e: unknown) => e);
      assert.ok(unreadable instanceof MalformedResponseError && unreadable.bodyExcerpt !== undefined);
      texts.push(unreadable.bodyExcerpt, ...surfacesOf(unreadable));
      // A wrong type is quoted in the message ("should be a string, got \"sk-…\"").
      server.handle((_req, res) => text(res, 200, JSON.stringify({ id: 1, name: 5, description: 7, spaceId: `x${API_KEY}` }), 'application/json'));
      const wrongType = await client.getAgent(1).then(() => undefined, (e: unknown) => e);
      texts.push(...surfacesOf(wrongType));
      server.handle((_req, res) => text(res, 200, JSON.stringify({ id: API_KEY }), 'application/json'));
      texts.push(...surfacesOf(await client.getAgent(1).then(() => undefined, (e: unknown) => e)));
      assert.deepEqual(leakingTexts([...texts, ...quietLog.lines], API_KEY), []);
    });

    test('each environment redacts with its own key', async () => {
      const otherKey = 'sk-other-env-9c8b7a6f5e4d';
      const other = createSequentumClient(clientOptions(server.origin, { apiKey: otherKey, settings: settings({ requests: 100_000 }) }));
      try {
        server.handle((_req, res) => text(res, 400, `echo ${otherKey}`, 'text/plain'));
        const error = await other.getAgent(1).then(() => undefined, (e: unknown) => e);
        assert.deepEqual(leakingTexts(surfacesOf(error), otherKey), []);
        // Control: the default environment's client does not know the other key.
        const unrelated = await client.getAgent(1).then(() => undefined, (e: unknown) => e);
        assert.ok(leakingTexts(surfacesOf(unrelated), otherKey).length > 0);
      } finally {
        other.dispose();
      }
    });
  });
});
