import type { Run, StartRunOptions } from '../api/model';

const EXPORTS: Record<string, StartRunOptions['parallelExport']> = { combined: 'Combined', separated: 'Separated', separate: 'Separated' };
const LEVELS: Record<string, StartRunOptions['logLevel']> = { fatal: 'Fatal', critical: 'Fatal', error: 'Error', warning: 'Warning', warn: 'Warning', info: 'Info', information: 'Info' };
const MODES: Record<string, StartRunOptions['logMode']> = { text: 'Text', textandhtml: 'TextAndHtml' };

/** Options a run may not report (§7 R3 has only the parallel ones for sure): the agent's defaults apply to these. */
export type UnreportedOption = 'inputParameters' | 'logLevel' | 'logMode';

/**
 * The start request that repeats `run`: its input parameters and every start option it reports,
 * with enum spellings of other API versions mapped onto R1's (`Separate` → `Separated`, `Warn` →
 * `Warning`); a value R1 has no word for is left out rather than sent to be refused. `unreported`
 * names what the server did not say about the run, so the caller can tell the user the agent's
 * defaults are used for it.
 */
export function repeatStartOptions(run: Run): { options: StartRunOptions; unreported: UnreportedOption[] } {
  const carried = run.startOptions ?? {};
  const options: StartRunOptions = {};
  if (carried.inputParameters !== undefined) options.inputParameters = { ...carried.inputParameters };
  for (const name of ['parallelism', 'parallelMaxConcurrency', 'proxyPoolId'] as const) {
    const value = carried[name];
    if (value !== undefined && Number.isSafeInteger(value) && value > 0) options[name] = value;
  }
  if (carried.isExclusive !== undefined) options.isExclusive = carried.isExclusive;
  if (carried.isWaitOnFailure !== undefined) options.isWaitOnFailure = carried.isWaitOnFailure;
  const mapped = <T>(table: Record<string, T>, value: string | undefined): T | undefined => (value === undefined ? undefined : table[value.replace(/[^a-z]/gi, '').toLowerCase()]);
  const parallelExport = mapped(EXPORTS, carried.parallelExport);
  if (parallelExport) options.parallelExport = parallelExport;
  const logLevel = mapped(LEVELS, carried.logLevel);
  if (logLevel) options.logLevel = logLevel;
  const logMode = mapped(MODES, carried.logMode);
  if (logMode) options.logMode = logMode;
  const unreported: UnreportedOption[] = [];
  if (options.inputParameters === undefined) unreported.push('inputParameters');
  if (options.logLevel === undefined) unreported.push('logLevel');
  if (options.logMode === undefined) unreported.push('logMode');
  return { options, unreported };
}
