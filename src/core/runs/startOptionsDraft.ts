import { ProblemError } from '../api/errors';
import type { Run, StartRunOptions } from '../api/model';
import { setOption, START_OPTION_SPECS, startOptionOfProblem, startOptionTitle, type StartOptionKey, type StartOptionSpec } from '../runConfig/startOptionSchema';
import { l10n } from '../text/l10n';
import { repeatStartOptions } from './repeatStart';

/** Where an option's value came from: the agent's declared parameters, the agent's last run, or the user. */
export type OptionOrigin = 'agent' | 'lastRun' | 'edited';

/** The options of a start being prepared in the palette, with where each value came from. */
export interface StartDraft {
  options: StartRunOptions;
  origins: Partial<Record<StartOptionKey, OptionOrigin>>;
}

/** Server messages per option, from a refused start (400/422 with field errors). */
export type StartRefusal = ReadonlyMap<StartOptionKey, string>;

/**
 * The options the palette offers: all of R1's except a synchronous start and its timeout — a
 * synchronous start answers with the records instead of a run, and every start here is followed as a run.
 */
export const PALETTE_OPTIONS: readonly StartOptionSpec[] = START_OPTION_SPECS.filter((spec) => spec.key !== 'isRunSynchronously' && spec.key !== 'timeout');

/**
 * The start as the palette first offers it: the agent's declared input parameters with the values
 * its last run used (only keys the agent still declares: others would be refused), and the last
 * run's start options as that run reports them. Options neither gives are not sent (server defaults).
 */
export function prefillStartDraft(declared: Readonly<Record<string, unknown>>, lastRun: Run | undefined): StartDraft {
  const draft: StartDraft = { options: {}, origins: {} };
  const repeated = lastRun ? repeatStartOptions(lastRun).options : {};
  const { inputParameters: lastParameters, ...lastOptions } = repeated;
  if (Object.keys(declared).length > 0) {
    const reused = Object.entries(lastParameters ?? {}).filter(([key]) => Object.hasOwn(declared, key));
    draft.options.inputParameters = { ...declared, ...Object.fromEntries(reused) };
    draft.origins.inputParameters = reused.length > 0 ? 'lastRun' : 'agent';
  }
  for (const spec of PALETTE_OPTIONS) {
    const value = lastOptions[spec.key as keyof typeof lastOptions];
    if (spec.kind === 'parameters' || value === undefined) continue;
    setOption(draft.options, spec.key, value);
    draft.origins[spec.key] = 'lastRun';
  }
  return draft;
}

/** A value as the option list shows it: "2", "Warning", "yes", `{"url":"…"}`. */
export function optionValueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? l10n.t('yes') : l10n.t('no');
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** "2 (last run)", "not sent: server default Info" — one option's row in the list. */
export function optionStateText(spec: StartOptionSpec, draft: StartDraft): string {
  const value = draft.options[spec.key];
  if (value === undefined) {
    return spec.defaultValue === undefined ? l10n.t('not sent (server default)') : l10n.t('not sent (server default: {0})', optionValueText(spec.defaultValue));
  }
  const origin = draft.origins[spec.key];
  const text = optionValueText(value);
  if (origin === 'lastRun') return l10n.t('{0} (last run)', text);
  if (origin === 'agent') return l10n.t('{0} (agent)', text);
  return text;
}

/** One line of what will be sent: "Parallelism 2 · Log level Warning"; the defaults when nothing is. */
export function startOptionsSummary(options: StartRunOptions): string {
  const parts = PALETTE_OPTIONS.filter((spec) => spec.kind !== 'parameters' && options[spec.key] !== undefined).map((spec) =>
    l10n.t('{0} {1}', startOptionTitle(spec.key), optionValueText(options[spec.key])),
  );
  return parts.length > 0 ? parts.join(' · ') : l10n.t("the agent's defaults");
}

/**
 * The server's refusal of a start as messages per option, when it is one: a 400 or 422 whose
 * field errors all name an option. Anything else (a conflict, an unknown field, no field errors) is
 * not about a value the user can fix here: undefined, and the standard failure notification applies.
 */
export function refusalOf(error: unknown): StartRefusal | undefined {
  if (!ProblemError.is(error) || (error.status !== 400 && error.status !== 422) || error.problem.errors.length === 0) return undefined;
  const refusal = new Map<StartOptionKey, string>();
  for (const problem of error.problem.errors) {
    const key = startOptionOfProblem(problem);
    if (!key) return undefined;
    // Several problems of one option (two bad parameters) are all shown.
    refusal.set(key, refusal.has(key) ? `${refusal.get(key)} ${problem.detail}` : problem.detail);
  }
  return refusal;
}
