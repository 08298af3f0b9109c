import { runStatusLabel, type RunDiagnostics } from '../api/model';
import { formatCount, formatDuration, formatTimestamp } from '../tree/format';
import { escapeMarkdownBlock, escapeMarkdownInline } from '../tree/untrustedText';

/** Inputs besides the diagnostics: what we know about the run from the tree or the pick. */
export interface DiagnosticsContext {
  agentId: number;
  agentName?: string;
  runId?: number;
  locale?: string;
  timeZone?: string;
}

const STAT_LABELS: Record<string, string> = {
  dataCount: 'Records extracted',
  exportCount: 'Records exported',
  inputCount: 'Inputs',
  errorCount: 'Errors',
  pageCount: 'Pages',
  traffic: 'Traffic (bytes)',
};

/**
 * "Why did it fail?" as a Markdown document: message, stats, possible causes, suggested actions.
 * All server text is escaped (no links, no HTML, no command links can form); headings are ours.
 */
export function diagnosticsMarkdown(diagnostics: RunDiagnostics, context: DiagnosticsContext): string {
  const agentName = diagnostics.agentName ?? context.agentName ?? `Agent ${context.agentId}`;
  const runId = diagnostics.runId ?? context.runId;
  const out: string[] = [];
  out.push(`# Why did ${escapeMarkdownInline(agentName)} fail?`, '');
  const facts: [string, string | undefined][] = [
    ['Agent', `${escapeMarkdownInline(agentName)} \\(#${diagnostics.agentId ?? context.agentId}\\)`],
    ['Run', runId !== undefined ? `#${runId}` : undefined],
    ['Status', diagnostics.status !== undefined ? escapeMarkdownInline(runStatusLabel(diagnostics.status)) : undefined],
    ['Started', escapeMarkdownInline(formatTimestamp(diagnostics.startTime, context.locale, context.timeZone))],
    ['Ended', escapeMarkdownInline(formatTimestamp(diagnostics.endTime, context.locale, context.timeZone))],
    ['Run time', diagnostics.runtimeSeconds !== undefined ? formatDuration(diagnostics.runtimeSeconds) : undefined],
  ];
  for (const [key, value] of facts) if (value) out.push(`- **${key}:** ${value}`);
  out.push('', '## Message', '');
  out.push(diagnostics.errorMessage ? escapeMarkdownBlock(diagnostics.errorMessage) : '_The server gave no error message._');

  const stats = Object.entries(diagnostics.stats ?? {}).filter(([, value]) => typeof value === 'number');
  if (stats.length > 0) {
    out.push('', '## Stats', '', '| Stat | Value |', '| --- | ---: |');
    for (const [key, value] of stats) out.push(`| ${STAT_LABELS[key] ?? escapeMarkdownInline(key)} | ${formatCount(value, context.locale)} |`);
  }
  out.push('', '## Possible causes', '', ...bullets(diagnostics.possibleCauses, 'The server suggested no causes.'));
  out.push('', '## Suggested actions', '', ...bullets(diagnostics.suggestedActions, 'The server suggested no actions.'));
  out.push('', '---', '', '_From the Sequentum analytics diagnostics API. Server text is shown as plain text._', '');
  return out.join('\n');
}

function bullets(items: readonly string[], empty: string): string[] {
  const shown = items.map((item) => escapeMarkdownInline(item)).filter((item) => item.length > 0);
  return shown.length > 0 ? shown.map((item) => `- ${item}`) : [`_${empty}_`];
}
