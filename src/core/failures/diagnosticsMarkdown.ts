import { runStatusLabel, type RunDiagnostics } from '../api/model';
import { l10n } from '../text/l10n';
import { joinMarkdown, markdown, markdownBlock, markdownInline, type MarkdownText } from '../text/markdownText';
import { formatCount, formatDuration, formatTimestamp } from '../text/format';

/** Inputs besides the diagnostics: what we know about the run from the tree or the pick. */
export interface DiagnosticsContext {
  agentId: number;
  agentName?: string;
  runId?: number;
  locale?: string;
  timeZone?: string;
}

/**
 * The stats the API documents, in our words; functions, so they are translated when shown. Alike in
 * shape to other word tables (duplicates pairs it with describeError.ts NO_ACCESS_LABELS), not in content.
 */
const STAT_LABELS: Readonly<Record<string, () => string>> = {
  dataCount: () => l10n.t('Records extracted'),
  exportCount: () => l10n.t('Records exported'),
  inputCount: () => l10n.t('Inputs'),
  errorCount: () => l10n.t('Errors'),
  pageCount: () => l10n.t('Pages'),
  traffic: () => l10n.t('Traffic (bytes)'),
};

/** A stat's label; one the API does not document shows under the server's own key. */
function statLabel(key: string): string {
  return Object.hasOwn(STAT_LABELS, key) ? STAT_LABELS[key]() : key;
}

/**
 * "Why did it fail?" as a Markdown document: message, stats, possible causes, suggested actions.
 * All server text is escaped (no links, no HTML, no command links can form); headings are ours.
 */
export function diagnosticsMarkdown(diagnostics: RunDiagnostics, context: DiagnosticsContext): MarkdownText {
  const agentName = diagnostics.agentName ?? context.agentName ?? l10n.t('Agent {0}', context.agentId);
  const runId = diagnostics.runId ?? context.runId;
  const out: MarkdownText[] = [markdown`# ${l10n.t('Why did {0} fail?', agentName)}`, markdown``];
  const facts: [string, string | undefined][] = [
    [l10n.t('Agent'), l10n.t('{0} (#{1})', agentName, diagnostics.agentId ?? context.agentId)],
    [l10n.t('Run'), runId !== undefined ? `#${runId}` : undefined],
    [l10n.t('Status'), diagnostics.status !== undefined ? runStatusLabel(diagnostics.status) : undefined],
    [l10n.t('Started'), formatTimestamp(diagnostics.startTime, context.locale, context.timeZone)],
    [l10n.t('Ended'), formatTimestamp(diagnostics.endTime, context.locale, context.timeZone)],
    [l10n.t('Run time'), diagnostics.runtimeSeconds !== undefined ? formatDuration(diagnostics.runtimeSeconds) : undefined],
  ];
  for (const [key, value] of facts) if (value) out.push(markdown`- **${key}:** ${value}`);
  out.push(markdown``, markdown`## ${l10n.t('Message')}`, markdown``);
  out.push(diagnostics.errorMessage ? markdownBlock(diagnostics.errorMessage) : markdown`_${l10n.t('The server gave no error message.')}_`);

  const stats = Object.entries(diagnostics.stats ?? {}).filter(([, value]) => typeof value === 'number');
  if (stats.length > 0) {
    out.push(markdown``, markdown`## ${l10n.t('Stats')}`, markdown``, markdown`| ${l10n.t('Stat')} | ${l10n.t('Value')} |`, markdown`| --- | ---: |`);
    for (const [key, value] of stats) out.push(markdown`| ${statLabel(key)} | ${formatCount(value, context.locale)} |`);
  }
  out.push(markdown``, markdown`## ${l10n.t('Possible causes')}`, markdown``, ...bullets(diagnostics.possibleCauses, l10n.t('The server suggested no causes.')));
  out.push(markdown``, markdown`## ${l10n.t('Suggested actions')}`, markdown``, ...bullets(diagnostics.suggestedActions, l10n.t('The server suggested no actions.')));
  out.push(markdown``, markdown`---`, markdown``, markdown`_${l10n.t('From the Sequentum analytics diagnostics API. Server text is shown as plain text.')}_`, markdown``);
  return joinMarkdown(out, '\n');
}

function bullets(items: readonly string[], empty: string): MarkdownText[] {
  const shown = items.map((item) => markdownInline(item)).filter((item) => item.length > 0);
  return shown.length > 0 ? shown.map((item) => joinMarkdown([markdown`-`, item], ' ')) : [markdown`_${empty}_`];
}
