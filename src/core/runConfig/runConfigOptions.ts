import type { StartRunOptions } from '../api/model';
import { findField, type RunConfigEntry } from './runConfigDocument';
import { setOption, START_OPTION_SPECS } from './startOptionSchema';

/** What a CodeLens "Start run" sends to `sequentum.startRun`. */
export interface RunConfigStart {
  agentId: number;
  options: StartRunOptions;
  /** The entry's display name (falls back to "Run N"). */
  name: string;
}

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
  // Which fields are options and of what kind: the run-config schema, the one the editor checks with.
  for (const spec of START_OPTION_SPECS) {
    const value = get(spec.key);
    if (spec.kind === 'integer' && typeof value === 'number' && Number.isFinite(value)) setOption(options, spec.key, value);
    if (spec.kind === 'boolean' && typeof value === 'boolean') setOption(options, spec.key, value);
    if (spec.kind === 'enum') setOption(options, spec.key, pickEnum(value, spec.values ?? []));
  }
  return { agentId, options, name: entryName(entry) };
}

function pickEnum(value: unknown, allowed: readonly string[]): string | undefined {
  return allowed.find((candidate) => typeof value === 'string' && candidate.toLowerCase() === value.toLowerCase());
}
