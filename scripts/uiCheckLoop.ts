// The UI tier's verdict per check, apart from the browser so it can be tested in plain Node: a
// check that passes counts as passed; one that fails is run once more (when retries is 1) and
// counts as passed only if that second attempt passes — and is then named as flaky in the notes
// printed next to the summary, so it is seen and fixed rather than hidden. Failing twice fails.

export interface CheckLoopHooks<Check extends { name: string }> {
  /** 0: a failure is final; 1: a failed check gets one more attempt. */
  retries: 0 | 1;
  run(check: Check): Promise<void>;
  /** Called after each failed attempt (a screenshot); what it returns is printed with the error. */
  onFailedAttempt(check: Check, attemptNumber: number): Promise<string>;
  /** Called before a second attempt (close what the first one left open). */
  reset(): Promise<void>;
  log(line: string): void;
}

export interface CheckLoopResult {
  passed: number;
  failed: number;
  notes: string[];
  failedAttempts: number;
}

export async function runCheckLoop<Check extends { name: string; file?: string }>(checks: Check[], hooks: CheckLoopHooks<Check>): Promise<CheckLoopResult> {
  const result: CheckLoopResult = { passed: 0, failed: 0, notes: [], failedAttempts: 0 };
  for (const check of checks) {
    const where = check.file ? ` (${check.file})` : '';
    const first = await attempt(check, hooks);
    if (first === undefined) {
      result.passed++;
      hooks.log(`    ✔ ${check.name}`);
      continue;
    }
    result.failedAttempts++;
    hooks.log(`    ✘ ${check.name}${where}\n      ${describe(first)}\n      ${await hooks.onFailedAttempt(check, result.failedAttempts)}`);
    if (hooks.retries === 0) {
      result.failed++;
      result.notes.push(`failed: ${check.name}${where} — ${firstLine(first)}`);
      continue;
    }
    await hooks.reset().catch((error: unknown) => hooks.log(`      (reset before the second attempt failed: ${firstLine(error)})`));
    const second = await attempt(check, hooks);
    if (second === undefined) {
      result.passed++;
      hooks.log(`    ✔ ${check.name} (second attempt)`);
      result.notes.push(`passed on its second attempt (flaky): ${check.name}${where} — first attempt: ${firstLine(first)}`);
    } else {
      result.failed++;
      result.failedAttempts++;
      hooks.log(`    ✘ ${check.name} (second attempt)\n      ${describe(second)}\n      ${await hooks.onFailedAttempt(check, result.failedAttempts)}`);
      result.notes.push(`failed twice: ${check.name}${where} — ${firstLine(first)} / then: ${firstLine(second)}`);
    }
  }
  return result;
}

/** SEQUENTUM_UI_RETRIES: "0" or "1"; unset or empty means 1. Anything else is refused. */
export function parseRetries(raw: string | undefined): 0 | 1 {
  if (raw === undefined || raw === '') return 1;
  if (raw === '0') return 0;
  if (raw === '1') return 1;
  throw new Error(`SEQUENTUM_UI_RETRIES must be 0 or 1, not ${JSON.stringify(raw)}`);
}

async function attempt<Check extends { name: string }>(check: Check, hooks: CheckLoopHooks<Check>): Promise<unknown> {
  try {
    await hooks.run(check);
    return undefined;
  } catch (error) {
    return error ?? new Error('the check threw without an error');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The first non-empty line of an error's message, at most 200 characters. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((part) => part.trim() !== '') ?? text;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
