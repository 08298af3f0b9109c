import type { Agent, StartRunOptions } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { parametersText, parseParametersText, validateParametersText } from '../../core/runs/inputParameters';
import type { RunCommandDeps } from './runDeps';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forPrompt } from '../../core/text/sinks';

/**
 * Asks for the run's input parameters, prefilled from the agent's declared ones, as JSON in an
 * input box that refuses anything but a JSON object (keeping the text). No declared parameters:
 * no prompt. Undefined when the user dismissed the box (cancel the start).
 */
export async function askStartOptions(deps: RunCommandDeps, api: SequentumApi, agent: Agent): Promise<StartRunOptions | undefined> {
  let declared: Record<string, unknown> = agent.inputParameters;
  if (Object.keys(declared).length === 0) {
    // The agent list may leave parameters out; the agent itself has them.
    try {
      declared = (await api.getAgent(agent.id, { priority: 'user' })).inputParameters;
    } catch (error) {
      deps.log.warn(`Could not read the input parameters of agent ${agent.id}; starting without`, error);
    }
  }
  if (Object.keys(declared).length === 0) return {};
  const text = await deps.ui.askText({
    title: forIconLabel(l10n.t('Start {0}: input parameters', agent.name)),
    prompt: forPrompt(l10n.t('A JSON object; Enter starts the run, Escape cancels. Clear the text to send none.')),
    value: parametersText(declared),
    validate: validateParametersText,
  });
  if (text === undefined) return undefined;
  const parsed = parseParametersText(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value ? { inputParameters: parsed.value } : {};
}
