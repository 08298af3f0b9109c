import type { CarriedStartOptions } from './model';
import type { WireObject } from './wireValues';

const NUMBERS = ['parallelism', 'parallelMaxConcurrency', 'proxyPoolId'] as const;
const STRINGS = ['parallelExport', 'logLevel', 'logMode'] as const;
const BOOLEANS = ['isExclusive', 'isWaitOnFailure'] as const;

/**
 * The start options a run object carries, read leniently: these members only help to recognise a
 * run, so a value of an unexpected type is left out instead of failing the whole run list.
 * `inputParameters` may be an object or JSON text (as in the start body and the schedule object).
 */
export function carriedStartOptions(o: WireObject): CarriedStartOptions | undefined {
  const carried: CarriedStartOptions = {};
  for (const name of NUMBERS) {
    const value = o.get(name);
    if (typeof value === 'number' && Number.isFinite(value)) carried[name] = value;
  }
  for (const name of STRINGS) {
    const value = o.get(name);
    if (typeof value === 'string' && value !== '') carried[name] = value;
  }
  for (const name of BOOLEANS) {
    const value = o.get(name);
    if (typeof value === 'boolean') carried[name] = value;
  }
  const parameters = objectOf(o.get('inputParameters'));
  if (parameters) carried.inputParameters = parameters;
  return Object.keys(carried).length > 0 ? carried : undefined;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    if (!value.trim()) return {};
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}
