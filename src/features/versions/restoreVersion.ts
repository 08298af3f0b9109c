import type { AgentVersion } from '../../core/api/runActionModel';
import type { SequentumApi } from '../../core/api/sequentumApi';
import type { Logger } from '../../core/log';
import { choosePaletteEnvironment, type PaletteEnvironmentDeps } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { asKind, targetRefOf } from '../../core/targets/treeTargets';
import { formatTimestamp } from '../../core/text/format';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification, forPlain, forPrompt, joinIconLabels, type PromptText } from '../../core/text/sinks';
import type { UserInterface } from '../../core/ui';

/** Longest comment sent: the history shows it next to the version. */
const MAX_COMMENT_CHARS = 500;

export interface VersionCommandDeps extends PaletteEnvironmentDeps {
  ui: UserInterface;
  log: Logger;
  tree: {
    /** The environment's client (undefined = the default one). */
    api(envId?: string): Promise<SequentumApi>;
    readonly locale?: string;
    /** The agent's version changed: its row and its runs' "older version" marks are read again. */
    agentChanged(envId: string | undefined, agentId: number): void;
  };
}

function validateComment(text: string): PromptText | undefined {
  if (text.trim() === '') return forPrompt(l10n.t('A comment is required: it is recorded with the new version.'));
  return text.length > MAX_COMMENT_CHARS ? forPrompt(l10n.t('At most {0} characters.', MAX_COMMENT_CHARS)) : undefined;
}

/** The version a command argument names: a version row's, or `{version}` (scripts, tests); else undefined. */
function versionArg(arg: unknown): number | undefined {
  const row = asKind(arg, 'version');
  const value = row ? row.version.version : typeof arg === 'object' && arg !== null ? (arg as { version?: unknown }).version : undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/**
 * `sequentum.restoreVersion` on an agent (tree, palette): its versions (V1: number, author, date,
 * comment, newest first) to pick from — on a version row that one, without a pick — a comment
 * (required; recorded in the history), then V2, which creates a new version copied from the chosen
 * one. The tree reads the agent and its versions again.
 */
export async function restoreVersion(deps: VersionCommandDeps, arg?: unknown): Promise<AgentVersion | undefined> {
  const title = forIconLabel(l10n.t('Sequentum: Restore Version'));
  const ref = targetRefOf(arg);
  const chosen = ref ? { envId: ref.envId } : await choosePaletteEnvironment(deps, title);
  if (!chosen) return undefined;
  const api = await deps.tree.api(chosen.envId);
  const agent = ref ? { id: ref.agentId, name: ref.agentName ?? l10n.t('Agent {0}', ref.agentId) } : await pickAgent(deps, api, { title });
  if (!agent) return undefined;
  const versions = await deps.ui.withProgress(forNotification(l10n.t('Loading the versions of {0}…', agent.name)), () => api.listVersions(agent.id));
  const current = versions[0]?.version;
  if (versions.length < 2) {
    void deps.ui.info(forNotification(l10n.t('{0} has one version; there is nothing to restore.', agent.name)));
    return undefined;
  }
  const wanted = versionArg(arg);
  const picked =
    versions.find((v) => v.version === wanted) ??
    (await deps.ui.pick(
      versions.map((v) => ({
        label: joinIconLabels([forIconLabel(l10n.t('Version {0}', v.version)), ...(v.version === current ? [forIconLabel(l10n.t('(current)'))] : [])], ' '),
        description: joinIconLabels([forIconLabel(v.userName), forIconLabel(formatTimestamp(v.created, deps.tree.locale))], ' · '),
        ...(v.comments ? { detail: forIconLabel(v.comments) } : {}),
        value: v,
      })),
      { title, placeholder: forPlain(l10n.t('Version of {0} to restore', agent.name)), matchOnDescription: true },
    ));
  if (!picked) return undefined;
  if (picked.version === current) {
    void deps.ui.info(forNotification(l10n.t('Version {0} is already the current version of {1}.', picked.version, agent.name)));
    return undefined;
  }
  const comment = await deps.ui.askText({
    title: forIconLabel(l10n.t('Restore version {0} of {1}', picked.version, agent.name)),
    prompt: forPrompt(l10n.t('Comment for the new version (recorded in the history). Enter restores, Escape cancels.')),
    value: l10n.t('Restore version {0}', picked.version),
    validate: validateComment,
  });
  if (comment === undefined) return undefined;
  await deps.ui.withProgress(forNotification(l10n.t('Restoring version {0} of {1}…', picked.version, agent.name)), () => api.restoreVersion(agent.id, picked.version, comment.trim()));
  deps.log.info(`Restored version ${picked.version} of agent ${agent.id}`);
  deps.tree.agentChanged(chosen.envId, agent.id);
  const after = await api.listVersions(agent.id).catch(() => undefined);
  const created = after?.[0];
  void deps.ui.info(
    forNotification(
      created && created.version !== current
        ? l10n.t('{0}: version {1} restored as version {2}.', agent.name, picked.version, created.version)
        : l10n.t('{0}: version {1} restored.', agent.name, picked.version),
    ),
  );
  return created;
}
