import type { Agent } from '../../core/api/model';
import { allowedValuesText, parseIntegerOption, setOption, startOptionProblem, startOptionTitle, type StartOptionSpec } from '../../core/runConfig/startOptionSchema';
import { parametersText, parseParametersText } from '../../core/runs/inputParameters';
import { optionValueText, type StartDraft } from '../../core/runs/startOptionsDraft';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forPlain, forPrompt, type PromptText } from '../../core/text/sinks';
import type { PickItem } from '../../core/ui';
import type { RunCommandDeps } from './runDeps';

/** A pick's "send nothing" entry (the server's default applies). */
const NOT_SENT = Symbol('not sent');

/**
 * Opens one option of `draft` for editing: an input box for numbers and input parameters (checked
 * as typed against the run-config schema), a pick for enums and yes/no. `serverMessage` is the
 * server's refusal of the current value: the box shows it as its validation message until the
 * value changes, a pick as its placeholder. Returns true when the value changed (the draft is
 * updated); false when the user dismissed the editor or kept the value.
 */
export async function editStartOption(deps: RunCommandDeps, agent: Agent, spec: StartOptionSpec, draft: StartDraft, serverMessage?: string): Promise<boolean> {
  const current = draft.options[spec.key];
  const title = forIconLabel(l10n.t('Start {0}: {1}', agent.name, startOptionTitle(spec.key)));
  let next: { value: unknown } | undefined;
  if (spec.kind === 'integer' || spec.kind === 'parameters') {
    const initial = current === undefined ? '' : typeof current === 'object' ? parametersText(current) : String(current);
    const parse = (text: string) => (spec.kind === 'integer' ? parseIntegerOption(spec, text) : parseParametersText(text));
    const validate = (text: string): PromptText | undefined => {
      const parsed = parse(text);
      if (!parsed.ok) return forPrompt(parsed.message);
      // Valid JSON is not yet a valid option (a parameter's value must be text, a number or true/false).
      const problem = parsed.value === undefined ? undefined : startOptionProblem(spec, parsed.value);
      if (problem) return forPrompt(problem);
      return serverMessage !== undefined && text.trim() === initial.trim() ? forPrompt(serverMessage) : undefined;
    };
    const text = await deps.ui.askText({ title, prompt: forPrompt(promptOf(spec)), value: initial, validate });
    const parsed = text === undefined ? undefined : parse(text);
    next = parsed?.ok && (parsed.value === undefined || !startOptionProblem(spec, parsed.value)) ? { value: parsed.value } : undefined;
  } else {
    const values: unknown[] = spec.kind === 'boolean' ? [true, false] : [...(spec.values ?? [])];
    const items: PickItem<unknown>[] = [
      ...values.map((value) => ({
        label: forIconLabel(optionValueText(value)),
        ...(value === current ? { description: forIconLabel(l10n.t('current')) } : value === spec.defaultValue ? { description: forIconLabel(l10n.t('server default')) } : {}),
        value,
      })),
      { label: forIconLabel(l10n.t('Not sent')), description: forIconLabel(l10n.t("the server's default applies")), value: NOT_SENT },
    ];
    const picked = await deps.ui.pick(items, { title, placeholder: forPlain(serverMessage ?? promptOf(spec)) });
    next = picked === undefined ? undefined : { value: picked === NOT_SENT ? undefined : picked };
  }
  if (!next || JSON.stringify(next.value) === JSON.stringify(current)) return false;
  setOption(draft.options, spec.key, next.value);
  draft.origins[spec.key] = 'edited';
  return true;
}

function promptOf(spec: StartOptionSpec): string {
  const title = startOptionTitle(spec.key);
  if (spec.kind === 'parameters') return l10n.t('{0}: a JSON object; Enter keeps it, Escape goes back. Clear the text to send none.', title);
  const fallback = spec.defaultValue === undefined ? l10n.t("the server's default") : optionValueText(spec.defaultValue);
  return l10n.t('{0}: {1}. Empty: not sent ({2} applies).', title, allowedValuesText(spec), fallback);
}
