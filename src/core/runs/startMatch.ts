import type { CarriedStartOptions, Run, StartRunOptions } from '../api/model';

/** Options compared one to one; the others (sync flag, timeout) do not show on a run. */
const COMPARED = ['parallelism', 'parallelMaxConcurrency', 'parallelExport', 'proxyPoolId', 'isExclusive', 'isWaitOnFailure', 'logLevel', 'logMode'] as const;

/**
 * The start options we sent that `run` carries with a different value: a non-empty list means the
 * run was started with other options, so it is not the run our start created (a teammate's, a
 * schedule's). Only what we sent and the run reports is compared: an option we left to the server's
 * default, or one the run does not report, proves nothing either way. An input parameter we sent
 * differs when the run's parameters lack it or give it another value; values compare as text
 * ("3" and 3 agree), because the server keeps parameters as text.
 */
export function startOptionMismatches(run: Run, sent: StartRunOptions): string[] {
  const carried: CarriedStartOptions | undefined = run.startOptions;
  if (!carried) return [];
  const mismatches: string[] = [];
  for (const name of COMPARED) {
    const ours = sent[name];
    const theirs = carried[name];
    if (ours !== undefined && theirs !== undefined && !sameText(ours, theirs, true)) mismatches.push(name);
  }
  const ourParameters = sent.inputParameters;
  const theirParameters = carried.inputParameters;
  if (ourParameters && theirParameters) {
    for (const [key, value] of Object.entries(ourParameters)) {
      const theirs = Object.hasOwn(theirParameters, key) ? theirParameters[key] : undefined;
      if (theirs === undefined || !sameText(value, theirs)) mismatches.push(`inputParameters.${key}`);
    }
  }
  return mismatches;
}

/** Enum options compare case-insensitively (the server binds them so); parameter values exactly. */
function sameText(a: unknown, b: unknown, ignoreCase = false): boolean {
  return ignoreCase ? asText(a).toLowerCase() === asText(b).toLowerCase() : asText(a) === asText(b);
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
