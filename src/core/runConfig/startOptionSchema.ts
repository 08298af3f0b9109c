import type { FieldProblem } from '../api/errors';
import type { StartRunOptions } from '../api/model';
import { fieldSegments, pointerSegments } from '../diagnostics/problemDiagnostics';
import { l10n } from '../text/l10n';
// The one description of the start options: VS Code's JSON language checks `*.sequentum.json`
// files against it, and the palette's start-options editor reads its ranges and enums from it, so
// the two can never disagree about what a valid value is.
import runsSchema from '../../../schemas/sequentum-runs.schema.json';

/** An R1 start option the palette can edit (every schema property except the entry's name and agentId). */
export type StartOptionKey = keyof StartRunOptions;

/** One start option as the run-config schema describes it. */
export interface StartOptionSpec {
  key: StartOptionKey;
  kind: 'integer' | 'boolean' | 'enum' | 'parameters';
  /** Inclusive bounds of an integer option. */
  minimum?: number;
  maximum?: number;
  /** Allowed values of an enum option, in the schema's order. */
  values?: readonly string[];
  /** The schema's default: what the server applies when the option is not sent. */
  defaultValue?: number | boolean | string;
}

interface SchemaProperty {
  type?: string | string[];
  minimum?: number;
  maximum?: number;
  enum?: string[];
  default?: number | boolean | string;
}

/** Schema keywords the reader below understands; anything else fails a unit test, not a user. */
export const UNDERSTOOD_KEYWORDS: ReadonlySet<string> = new Set(['type', 'minimum', 'maximum', 'enum', 'enumDescriptions', 'default', 'description', 'additionalProperties']);

/** The schema's run properties (name and agentId included), as written. */
export function schemaRunProperties(): Record<string, Record<string, unknown>> {
  return runsSchema.definitions.run.properties;
}

function specOf(key: StartOptionKey, property: SchemaProperty): StartOptionSpec {
  const base = { key, ...(property.default !== undefined ? { defaultValue: property.default } : {}) };
  if (property.enum) return { ...base, kind: 'enum', values: property.enum };
  if (property.type === 'integer') return { ...base, kind: 'integer', minimum: property.minimum, maximum: property.maximum };
  if (property.type === 'boolean') return { ...base, kind: 'boolean' };
  return { ...base, kind: 'parameters' };
}

/** Every start option of the schema, in the schema's order. */
export const START_OPTION_SPECS: readonly StartOptionSpec[] = Object.entries(schemaRunProperties())
  .filter(([key]) => key !== 'name' && key !== 'agentId')
  .map(([key, property]) => specOf(key as StartOptionKey, property as SchemaProperty));

/** The spec of one option; undefined for a key the schema does not have. */
export function startOptionSpec(key: string): StartOptionSpec | undefined {
  return START_OPTION_SPECS.find((spec) => spec.key.toLowerCase() === key.toLowerCase());
}

/** Sets (or, with undefined, removes) one option; the key and value come from the schema's specs. */
export function setOption(options: StartRunOptions, key: StartOptionKey, value: unknown): void {
  const bag = options as Record<string, unknown>;
  if (value === undefined) delete bag[key];
  else bag[key] = value;
}

/** The option's name in the user's words ("Log level"), for prompts and lists. */
export function startOptionTitle(key: StartOptionKey): string {
  const titles: Record<StartOptionKey, string> = {
    inputParameters: l10n.t('Input parameters'),
    isRunSynchronously: l10n.t('Run synchronously'),
    timeout: l10n.t('Timeout (seconds)'),
    parallelism: l10n.t('Parallelism'),
    parallelMaxConcurrency: l10n.t('Parallel max concurrency'),
    parallelExport: l10n.t('Parallel export'),
    proxyPoolId: l10n.t('Proxy pool id'),
    isExclusive: l10n.t('Exclusive'),
    isWaitOnFailure: l10n.t('Wait on failure'),
    logLevel: l10n.t('Log level'),
    logMode: l10n.t('Log mode'),
  };
  return titles[key];
}

/** What a valid value looks like ("a whole number from 1 to 50", "Fatal, Error, Warning or Info"). */
export function allowedValuesText(spec: StartOptionSpec): string {
  switch (spec.kind) {
    case 'integer':
      if (spec.minimum !== undefined && spec.maximum !== undefined) return l10n.t('a whole number from {0} to {1}', spec.minimum, spec.maximum);
      return spec.minimum !== undefined ? l10n.t('a whole number of at least {0}', spec.minimum) : l10n.t('a whole number');
    case 'enum':
      return (spec.values ?? []).join(' | ');
    case 'boolean':
      return l10n.t('yes or no');
    case 'parameters':
      return l10n.t('a JSON object of parameter names to text, numbers or true/false');
  }
}

/** Why `value` is not valid for the option, in words; undefined when it is (the schema's rules). */
export function startOptionProblem(spec: StartOptionSpec, value: unknown): string | undefined {
  const title = startOptionTitle(spec.key);
  switch (spec.kind) {
    case 'integer': {
      const inRange = typeof value === 'number' && Number.isSafeInteger(value) && (spec.minimum === undefined || value >= spec.minimum) && (spec.maximum === undefined || value <= spec.maximum);
      return inRange ? undefined : l10n.t('{0} must be {1}.', title, allowedValuesText(spec));
    }
    case 'enum':
      return typeof value === 'string' && (spec.values ?? []).includes(value) ? undefined : l10n.t('{0} must be one of {1}.', title, allowedValuesText(spec));
    case 'boolean':
      return typeof value === 'boolean' ? undefined : l10n.t('{0} must be {1}.', title, allowedValuesText(spec));
    case 'parameters': {
      // additionalProperties: each value is text, a number or true/false (no null, list or object).
      const valid = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((item) => ['string', 'number', 'boolean'].includes(typeof item));
      return valid ? undefined : l10n.t('{0} must be {1}.', title, allowedValuesText(spec));
    }
  }
}

/**
 * An integer option's text as typed → its value, or the problem. Empty text means "not sent"
 * (the server's default applies).
 */
export function parseIntegerOption(spec: StartOptionSpec, text: string): { ok: true; value: number | undefined } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const value = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  const problem = startOptionProblem(spec, value);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

/** Every problem of a whole set of options (nothing is sent while one remains). */
export function startOptionsProblems(options: StartRunOptions): { key: StartOptionKey; message: string }[] {
  return START_OPTION_SPECS.flatMap((spec) => {
    const value = options[spec.key];
    const message = value === undefined ? undefined : startOptionProblem(spec, value);
    return message ? [{ key: spec.key, message }] : [];
  });
}

/**
 * The option a server field problem is about ("/parallelism", "Parallelism",
 * "InputParameters.url" → inputParameters); undefined when it names none.
 */
export function startOptionOfProblem(problem: FieldProblem): StartOptionKey | undefined {
  const candidates = [
    ...(problem.pointer !== undefined ? [pointerSegments(problem.pointer)] : []),
    ...(problem.field !== undefined ? [fieldSegments(problem.field), fieldSegments(problem.field).slice(1)] : []),
  ];
  for (const segments of candidates) {
    const spec = segments[0] === undefined ? undefined : startOptionSpec(segments[0]);
    if (spec) return spec.key;
  }
  return undefined;
}
