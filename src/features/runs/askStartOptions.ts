import type { Agent, Run } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { startOptionsProblems, startOptionSpec, startOptionTitle, allowedValuesText, type StartOptionKey, type StartOptionSpec } from '../../core/runConfig/startOptionSchema';
import { optionStateText, PALETTE_OPTIONS, prefillStartDraft, startOptionsSummary, type StartDraft, type StartRefusal } from '../../core/runs/startOptionsDraft';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forPlain, withIcon, type IconLabelText } from '../../core/text/sinks';
import type { PickItem } from '../../core/ui';
import { editStartOption } from './editStartOption';
import type { RunCommandDeps } from './runDeps';

/**
 * The start as the palette first offers it: the agent's declared input parameters (read from the
 * agent when the list left them out) and the options of its newest run. Neither read stops the
 * start: without them the server's defaults apply.
 */
export async function prefillStart(deps: RunCommandDeps, api: SequentumApi, agent: Agent): Promise<StartDraft> {
  const [declared, lastRun] = await Promise.all([
    Object.keys(agent.inputParameters).length > 0
      ? agent.inputParameters
      : api.getAgent(agent.id, { priority: 'user' }).then(
          (full) => full.inputParameters,
          (error: unknown) => {
            deps.log.warn(`Could not read the input parameters of agent ${agent.id}; starting without`, error);
            return {};
          },
        ),
    api.listRuns(agent.id, 1, { priority: 'user' }).then(newestRun, (error: unknown) => {
      deps.log.warn(`Could not read the last run of agent ${agent.id}; its options are not prefilled`, error);
      return undefined;
    }),
  ]);
  return prefillStartDraft(declared, lastRun);
}

function newestRun(runs: readonly Run[]): Run | undefined {
  return runs.reduce<Run | undefined>((newest, run) => (newest === undefined || run.id > newest.id ? run : newest), undefined);
}

type ListChoice = { kind: 'start' } | { kind: 'edit'; key: StartOptionKey };

/**
 * Asks how to start `agent`: "Start with these options" or "Edit options…" (a list of every start
 * option with its value; each opens its own box or pick, checked against the run-config schema).
 * With a `refusal` from the server, opens the refused option at once with the server's words.
 * Nothing with a problem is returned: "Start" on such a set opens the option instead. Undefined
 * when the user dismissed the question or the list (cancel the start).
 */
export async function askStartOptions(deps: RunCommandDeps, agent: Agent, draft: StartDraft, refusal?: StartRefusal): Promise<StartDraft | undefined> {
  const title = forIconLabel(l10n.t('Start {0}', agent.name));
  if (!refusal) {
    const choice = await deps.ui.pick<'start' | 'edit'>(
      [
        { label: withIcon('play', forIconLabel(l10n.t('Start with these options'))), detail: forIconLabel(startOptionsSummary(draft.options)), value: 'start' },
        { label: withIcon('settings-edit', forIconLabel(l10n.t('Edit options…'))), detail: forIconLabel(l10n.t('Input parameters, parallelism, log level and mode, proxy pool, exclusivity…')), value: 'edit' },
      ],
      { title, placeholder: forPlain(l10n.t('Start {0} now, or change its start options first', agent.name)) },
    );
    if (choice === undefined) return undefined;
    if (choice === 'start' && startOptionsProblems(draft.options).length === 0) return draft;
  }
  const problems = new Map<StartOptionKey, string>(refusal ?? []);
  let focus: StartOptionKey | undefined = refusal ? [...refusal.keys()][0] : startOptionsProblems(draft.options)[0]?.key;
  for (;;) {
    if (focus !== undefined) {
      const spec = startOptionSpec(focus);
      if (spec && (await editStartOption(deps, agent, spec, draft, problems.get(focus)))) problems.delete(focus);
      focus = undefined;
    }
    const local = new Map(startOptionsProblems(draft.options).map((problem) => [problem.key, problem.message]));
    const choice = await deps.ui.pick(listItems(draft, new Map([...local, ...problems])), {
      title,
      placeholder: forPlain(l10n.t('Pick an option to change it; "Start" sends the start')),
      matchOnDescription: true,
    });
    if (choice === undefined) return undefined;
    if (choice.kind === 'edit') focus = choice.key;
    else if (local.size > 0) focus = [...local.keys()][0];
    else return draft;
  }
}

function listItems(draft: StartDraft, problems: ReadonlyMap<StartOptionKey, string>): PickItem<ListChoice>[] {
  const start: PickItem<ListChoice> = {
    label: withIcon('play', forIconLabel(l10n.t('Start'))),
    detail: forIconLabel(startOptionsSummary(draft.options)),
    value: { kind: 'start' },
  };
  return [start, ...PALETTE_OPTIONS.map((spec) => optionItem(spec, draft, problems.get(spec.key)))];
}

function optionItem(spec: StartOptionSpec, draft: StartDraft, problem: string | undefined): PickItem<ListChoice> {
  const label: IconLabelText = forIconLabel(startOptionTitle(spec.key));
  return {
    label: problem ? withIcon('error', label) : label,
    description: forIconLabel(optionStateText(spec, draft)),
    // The server's words about this option when it refused it, else what a valid value is.
    detail: forIconLabel(problem ?? allowedValuesText(spec)),
    value: { kind: 'edit', key: spec.key },
  };
}
