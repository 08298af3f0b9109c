import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProblemDetails } from '../../src/core/api/errors';
import type { OffsetRange } from '../../src/core/runConfig/runConfigDocument';

/** Text of a sample run-config file under fixtures/. */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', 'runConfig', name), 'utf8');
}

/** The text a range covers, so assertions read like the file. */
export function textAt(text: string, range: OffsetRange): string {
  return text.slice(range.start, range.end);
}

/** Problem details as the API core produces them; fields not given take RFC 9457 defaults. */
export function problem(partial: Partial<ProblemDetails>): ProblemDetails {
  return { type: 'about:blank', title: '', status: 500, errors: [], shape: 'rfc7807', extensions: {}, ...partial };
}
