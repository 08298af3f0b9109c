import * as vscode from 'vscode';
import { runStatusLabel, type Agent, type Space } from '../../core/api/model';
import type { AgentCache } from '../../core/diagnostics/agentCache';
import { agentNotFoundMessage, findAgentReferences } from '../../core/diagnostics/editChecks';
import { parseRunConfig } from '../../core/runConfig/runConfigDocument';
import { entryAgentId } from '../../core/runConfig/runConfigOptions';
import { toRange } from './convert';
import { isRunConfig } from './diagnosticsController';

/** Resolves space names for the hover; undefined when unknown (shown as "Space 42"). */
export type SpaceLookup = () => Promise<readonly Space[] | undefined>;

/**
 * Hover on a run-config `agentId` and on `/api/v1/agent/{id}` paths in any document: the agent's
 * name, space, last status and declared input parameters. Server text is untrusted: it goes in
 * through appendText (escaped), and the MarkdownString is never trusted.
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
    if (!agent) return new vscode.Hover(new vscode.MarkdownString().appendText(agentNotFoundMessage(target.agentId)), range);
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
  const md = new vscode.MarkdownString();
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**').appendText(agent.name).appendMarkdown(`** — agent ${agent.id}\n\n`);
  const spaceName = agent.spaceId === null ? 'Personal space' : (spaces?.find((s) => s.id === agent.spaceId)?.name ?? `Space ${agent.spaceId}`);
  md.appendMarkdown('Space: ').appendText(spaceName).appendMarkdown('\n\n');
  md.appendMarkdown('Last status: ').appendText(runStatusLabel(agent.lastStatus)).appendMarkdown('\n\n');
  const params = Object.entries(agent.inputParameters);
  if (params.length === 0) {
    md.appendMarkdown('No declared input parameters.');
  } else {
    md.appendMarkdown('Input parameters:\n\n');
    for (const [name, value] of params) {
      md.appendMarkdown('- ').appendText(name);
      md.appendText(value ? ` (default: ${value})` : ' (no default)').appendMarkdown('\n');
    }
  }
  return md;
}
