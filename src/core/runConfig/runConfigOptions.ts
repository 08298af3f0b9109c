import type { StartRunOptions } from '../api/model';
import { findField, type RunConfigEntry } from './runConfigDocument';

/** What a CodeLens "Start run" sends to `sequentum.startRun`. */
export interface RunConfigStart {
  agentId: number;
  options: StartRunOptions;
  /** The entry's display name (falls back to "Run N"). */
  name: string;
}

const NUMBER_FIELDS = ['timeout', 'parallelism', 'parallelMaxConcurrency', 'proxyPoolId'] as const;
const BOOLEAN_FIELDS = ['isRunSynchronously', 'isExclusive', 'isWaitOnFailure'] as const;
const ENUM_FIELDS = {
  parallelExport: ['Combined', 'Separated'],
  logLevel: ['Fatal', 'Error', 'Warning', 'Info'],
  logMode: ['Text', 'TextAndHtml'],
} as const;

/** The entry's display name: its `name` when it is a non-empty string, else "Run N" (1-based). */
export function entryName(entry: RunConfigEntry): string {
  const value = entry.name?.value;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : `Run ${entry.index + 1}`;
}

/** The entry's agent id when it is a positive integer (or a string of digits), else undefined. */
export function entryAgentId(entry: RunConfigEntry): number | undefined {
  const value = entry.agentId?.value;
  const id = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * Reads the start-run options from an entry. Fields of the wrong type are left out rather than
 * guessed: the JSON schema already marks them in the editor, and the server applies its defaults.
 * Returns undefined when the entry has no usable agent id.
 */
export function readRunConfigStart(entry: RunConfigEntry): RunConfigStart | undefined {
  const agentId = entryAgentId(entry);
  if (agentId === undefined) return undefined;
  const options: StartRunOptions = {};
  const get = (key: string) => findField(entry.fields, key)?.value;
  const params = get('inputParameters');
  if (params !== null && typeof params === 'object' && !Array.isArray(params)) {
    options.inputParameters = params as Record<string, unknown>;
  }
  for (const key of NUMBER_FIELDS) {
    const value = get(key);
    if (typeof value === 'number' && Number.isFinite(value)) options[key] = value;
  }
  for (const key of BOOLEAN_FIELDS) {
    const value = get(key);
    if (typeof value === 'boolean') options[key] = value;
  }
  const parallelExport = pickEnum(get('parallelExport'), ENUM_FIELDS.parallelExport);
  if (parallelExport) options.parallelExport = parallelExport;
  const logLevel = pickEnum(get('logLevel'), ENUM_FIELDS.logLevel);
  if (logLevel) options.logLevel = logLevel;
  const logMode = pickEnum(get('logMode'), ENUM_FIELDS.logMode);
  if (logMode) options.logMode = logMode;
  return { agentId, options, name: entryName(entry) };
}

function pickEnum<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => typeof value === 'string' && candidate.toLowerCase() === value.toLowerCase());
}
