import type { SequentumApi } from '../../core/api/sequentumApi';
import { DEFAULT_ENVIRONMENT_ID } from '../../core/environments/defaultEnvironment';
import { unknownEnvironmentError } from '../../core/environments/environmentRegistry';
import type { Logger } from '../../core/log';
import type { WatchList } from '../../core/runs/watchList';
import { pickPaletteAgent, type PaletteEnvironmentDeps } from '../../core/targets/chooseEnvironment';
import { targetRefOf } from '../../core/targets/treeTargets';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification } from '../../core/text/sinks';
import type { UserInterface } from '../../core/ui';

/** What Watch / Unwatch need (plain ports, so tests build only this). */
export interface WatchCommandDeps extends PaletteEnvironmentDeps {
  ui: UserInterface;
  log: Logger;
  watch: {
    list: WatchList;
    /** The environment's client (undefined = the default one), for the palette's agent pick. */
    api(envId?: string): Promise<SequentumApi>;
  };
}

/**
 * `sequentum.watchAgent` / `sequentum.unwatchAgent`: an agent node (context menu), `{agentId,
 * envId?}` (scripts), or a palette pick. Each environment with a key is watched with one runs-summary
 * request per poll for its whole account; the list is kept per environment. An environment id that
 * names no configured environment is refused rather than kept on a list nothing reads.
 */
export async function setWatched(deps: WatchCommandDeps, watched: boolean, arg?: unknown): Promise<boolean> {
  let target = targetRefOf(arg);
  if (!target) {
    const title = forIconLabel(watched ? l10n.t('Sequentum: Watch Agent') : l10n.t('Sequentum: Unwatch Agent'));
    const picked = await pickPaletteAgent(deps, (envId) => deps.watch.api(envId), title);
    if (!picked) return false;
    target = { envId: picked.envId, agentId: picked.agent.id, agentName: picked.agent.name };
  }
  const envId = target.envId ?? DEFAULT_ENVIRONMENT_ID;
  const name = target.agentName ?? l10n.t('Agent {0}', target.agentId);
  if (watched && deps.environments && !deps.environments.list().some((env) => env.id === envId)) throw unknownEnvironmentError(envId);
  await deps.watch.list.set(envId, target.agentId, watched);
  deps.log.info(`Agent ${target.agentId} ${watched ? 'watched' : 'no longer watched'} (${envId})`);
  void deps.ui.info(
    forNotification(watched ? l10n.t('Watching {0}: you are told when its runs fail, also runs started on a schedule or by someone else.', name) : l10n.t('No longer watching {0}.', name)),
  );
  return true;
}
