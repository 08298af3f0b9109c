import { formatBytes, formatTimestamp } from '../text/format';
import { l10n } from '../text/l10n';
import { markdownFacts, type MarkdownText } from '../text/markdownText';
import { plainText } from '../text/untrustedText';
import { ContextToken as T, contextValue } from './contextValues';
import type { VersionNode, VersionsNode } from './nodes';

/** The parts of a tree item a versions row has (presentation.ts puts label and description through the sink). */
export interface VersionDraft {
  label: string;
  description?: string;
  iconId: string;
  tooltip: MarkdownText;
  contextValue: string;
  collapsible: 'none' | 'collapsed';
}

/** The "Versions" row under an agent: its versions are read when it is expanded. */
export function presentVersions(node: VersionsNode): VersionDraft {
  return {
    label: l10n.t('Versions'),
    iconId: 'versions',
    tooltip: markdownFacts([l10n.t('Versions of'), node.agentName], [l10n.t('Restore'), l10n.t('right-click a version: Restore Version…')]),
    contextValue: contextValue(T.versions),
    collapsible: 'collapsed',
  };
}

/**
 * One version: "Version 3" and, in the description, "current ·" for the agent's current one, then
 * author · date · comment (server text, shown as typed). Every other version can be restored.
 */
export function presentVersion(node: VersionNode, context: { locale?: string; timeZone?: string }): VersionDraft {
  const { version } = node;
  const created = formatTimestamp(version.created, context.locale, context.timeZone);
  const parts = [version.userName && plainText(version.userName, 80), created, version.comments && plainText(version.comments, 120)].filter((part): part is string => Boolean(part));
  const about = parts.join(' · ');
  return {
    label: l10n.t('Version {0}', version.version),
    description: node.current ? (about ? l10n.t('current · {0}', about) : l10n.t('current')) : about,
    iconId: node.current ? 'check' : 'history',
    tooltip: markdownFacts(
      [l10n.t('Version'), node.current ? l10n.t('{0} (current)', version.version) : version.version],
      [l10n.t('Agent'), node.agentName],
      [l10n.t('Author'), version.userName],
      [l10n.t('Saved'), created],
      [l10n.t('Size'), version.fileSize !== undefined ? formatBytes(version.fileSize, context.locale) : undefined],
      [l10n.t('Comment'), version.comments, 'block'],
    ),
    contextValue: contextValue(T.version, !node.current && T.restorable),
    collapsible: 'none',
  };
}
