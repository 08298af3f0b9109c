import * as vscode from 'vscode';
import { runStatusLabel, type Agent, type Space } from '../../core/api/model';
import type { AgentCache } from '../../core/diagnostics/agentCache';
import { agentNotFoundMessage, findAgentReferences } from '../../core/diagnostics/editChecks';
import { parseRunConfig } from '../../core/runConfig/runConfigDocument';
import { entryAgentId } from '../../core/runConfig/runConfigOptions';
import { toRange } from './convert';
import { isRunConfig } from './runConfigFiles';
import { joinMarkdown, markdown, type MarkdownText } from '../../core/text/markdownText';
import { toMarkdownString } from '../../platform/markdownString';

/** Resolves space names for the hover; undefined when unknown (shown as "Space 42"). */
export type SpaceLookup = () => Promise<readonly Space[] | undefined>;

/**
 * Hover on a run-config `agentId` and on `/api/v1/agent/{id}` paths in any document: the agent's
 * name, space, last status and declared input parameters. Server text is untrusted: the hover is
 * MarkdownText (every value escaped by the markdown tag), shown through toMarkdownString.
 */
export class AgentHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly cache: AgentCache,
    private readonly spaces: SpaceLookup,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const target = this.agentAt(document, position);
    if (!target) return undefined;
    const agents = await this.cache.get();
    if (!agents) return undefined;
    const agent = agents.get(target.agentId);
    const range = toRange(document, target.range);
    if (!agent) return new vscode.Hover(toMarkdownString(markdown`${agentNotFoundMessage(target.agentId)}`), range);
    const spaces = await this.spaces().catch(() => undefined);
    return new vscode.Hover(agentMarkdown(agent, spaces), range);
  }

  private agentAt(document: vscode.TextDocument, position: vscode.Position): { agentId: number; range: { start: number; end: number } } | undefined {
    const offset = document.offsetAt(position);
    if (isRunConfig(document)) {
      for (const entry of parseRunConfig(document.getText()).entries) {
        const field = entry.agentId;
        const id = entryAgentId(entry);
        if (field && id !== undefined && field.valueRange.start <= offset && offset <= field.valueRange.end) return { agentId: id, range: field.valueRange };
      }
    }
    // Only the hovered line: any file can be huge, and findAgentReferences stops at 500 matches.
    const line = document.lineAt(position.line);
    const lineStart = document.offsetAt(line.range.start);
    const ref = findAgentReferences(line.text).find((candidate) => candidate.range.start <= position.character && position.character <= candidate.range.end);
    return ref && { agentId: ref.agentId, range: { start: lineStart + ref.range.start, end: lineStart + ref.range.end } };
  }
}

/** Hover text for one agent; every server-provided string escaped. */
export function agentMarkdown(agent: Agent, spaces: readonly Space[] | undefined): vscode.MarkdownString {
  const spaceName =
    agent.spaceId === null ? vscode.l10n.t('Personal space') : (spaces?.find((s) => s.id === agent.spaceId)?.name ?? vscode.l10n.t('Space {0}', agent.spaceId));
  const paragraphs: MarkdownText[] = [
    markdown`**${agent.name}** — ${vscode.l10n.t('agent {0}', agent.id)}`,
    markdown`${vscode.l10n.t('Space: {0}', spaceName)}`,
    markdown`${vscode.l10n.t('Last status: {0}', runStatusLabel(agent.lastStatus))}`,
  ];
  const params = Object.entries(agent.inputParameters);
  if (params.length === 0) {
    paragraphs.push(markdown`${vscode.l10n.t('No declared input parameters.')}`);
  } else {
    const items = params.map(([name, value]) =>
      value ? markdown`- ${vscode.l10n.t('{0} (default: {1})', name, String(value))}` : markdown`- ${vscode.l10n.t('{0} (no default)', name)}`,
    );
    paragraphs.push(markdown`${vscode.l10n.t('Input parameters:')}`, joinMarkdown(items, '\n'));
  }
  return toMarkdownString(joinMarkdown(paragraphs, '\n\n'));
}
