import type { FieldError } from '../errors';
import type { SimAgent } from '../types';

export interface ParsedStart {
  inputParameters?: Record<string, unknown>;
  isRunSynchronously: boolean;
  timeout: number;
  parallelism?: number;
  parallelMaxConcurrency?: number;
  parallelExport?: string;
  /** The other R1 options as sent, reported back on the run (wire variant runInputs). */
  carried: Record<string, unknown>;
}

type Lookup = (name: string) => unknown;

const ENUMS: Record<string, string[]> = {
  parallelExport: ['Combined', 'Separated'],
  logLevel: ['Fatal', 'Error', 'Warning', 'Info'],
  logMode: ['Text', 'TextAndHtml'],
};
const RANGES: Record<string, [number, number]> = {
  timeout: [1, 3600], parallelism: [1, 50], parallelMaxConcurrency: [1, 50], proxyPoolId: [1, 2 ** 31 - 1],
};
const BOOLS = ['isRunSynchronously', 'isExclusive', 'isWaitOnFailure'];

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function checkParameter(agent: SimAgent, key: string, value: unknown): string | undefined {
  if (value !== null && typeof value === 'object') return `The value of '${key}' must be a string, number or boolean.`;
  const declared = Object.keys(agent.inputParameters);
  if (!declared.includes(key)) {
    return declared.length > 0
      ? `Unknown input parameter '${key}'. The agent declares: ${declared.join(', ')}.`
      : `Unknown input parameter '${key}'. The agent declares no input parameters.`;
  }
  const text = String(value);
  if (/url$/i.test(key)) {
    try {
      const u = new URL(text);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return `'${key}' must be an http or https URL.`;
    } catch {
      return `'${key}' must be an absolute URL (got '${text.slice(0, 80)}').`;
    }
  }
  if (/^(max[A-Z]|days$|nights$)/.test(key) && !/^\d+$/.test(text)) return `'${key}' must be a whole number (got '${text.slice(0, 40)}').`;
  return undefined;
}

/**
 * Validates a start-run body (§7 R1) the way an ASP.NET model binder would: property names are
 * case-insensitive, `inputParameters` may be JSON text or an object, bad values give field errors.
 */
export function validateStart(agent: SimAgent, body: Record<string, unknown>): { ok: ParsedStart } | { errors: FieldError[] } {
  const lower = new Map(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v]));
  const get: Lookup = (name) => lower.get(name.toLowerCase());
  const errors: FieldError[] = [];
  const fail = (field: string, pointer: string, detail: string): void => void errors.push({ field, pointer, detail });

  let inputParameters: Record<string, unknown> | undefined;
  const raw = get('inputParameters');
  if (raw !== undefined && raw !== null && raw !== '') {
    let parsed: unknown = raw;
    if (typeof raw === 'string') {
      try {
        parsed = JSON.parse(raw);
      } catch {
        fail('InputParameters', '/inputParameters', 'InputParameters is not valid JSON text.');
      }
    }
    if (errors.length === 0) {
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        fail('InputParameters', '/inputParameters', 'InputParameters must be a JSON object of parameter names to values.');
      } else {
        inputParameters = parsed as Record<string, unknown>;
        for (const [k, v] of Object.entries(inputParameters)) {
          const problem = checkParameter(agent, k, v);
          if (problem) fail(`InputParameters.${k}`, `/inputParameters/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, problem);
        }
      }
    }
  }
  for (const name of BOOLS) {
    const v = get(name);
    if (v !== undefined && v !== null && typeof v !== 'boolean') fail(pascal(name), `/${name}`, `The JSON value could not be converted to System.Boolean.`);
  }
  for (const [name, [min, max]] of Object.entries(RANGES)) {
    const v = get(name);
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(pascal(name), `/${name}`, `The JSON value could not be converted to System.Int32.`);
    else if (v < min || v > max) fail(pascal(name), `/${name}`, `The field ${pascal(name)} must be between ${min} and ${max}.`);
  }
  for (const [name, values] of Object.entries(ENUMS)) {
    const v = get(name);
    if (v !== undefined && v !== null && (typeof v !== 'string' || !values.includes(v))) fail(pascal(name), `/${name}`, `${pascal(name)} must be one of: ${values.join(', ')}.`);
  }
  if (errors.length > 0) return { errors };
  const num = (name: string): number | undefined => (typeof get(name) === 'number' ? (get(name) as number) : undefined);
  return {
    ok: {
      inputParameters: inputParameters ? { ...agent.inputParameters, ...inputParameters } : undefined,
      isRunSynchronously: get('isRunSynchronously') === true,
      timeout: num('timeout') ?? 60,
      parallelism: num('parallelism'),
      parallelMaxConcurrency: num('parallelMaxConcurrency'),
      parallelExport: typeof get('parallelExport') === 'string' ? (get('parallelExport') as string) : undefined,
      carried: Object.fromEntries(['logLevel', 'logMode', 'proxyPoolId', 'isExclusive', 'isWaitOnFailure'].map((name): [string, unknown] => [name, get(name)]).filter(([, v]) => v !== undefined && v !== null)),
    },
  };
}
