import type { RunFile } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { downloadAllFiles, type BatchProgress, type DownloadAllResult } from '../../core/files/downloadAll';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { pickRun, targetRefOf } from '../../core/targets/treeTargets';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forLog, forNotification, forPlain } from '../../core/text/sinks';
import { downloadOutcome } from './downloadOutcome';
import { bytesOf, type RunFilesDeps } from './runFilesDeps';

interface RunTarget {
  envId?: string;
  agentId: number;
  runId: number;
}

/**
 * `sequentum.downloadAllFiles`: every output file of a run into a folder the user picks, a few at
 * a time, with one progress notification (files n of N, bytes) whose Cancel stops the transfers in
 * flight and removes their partial files; finished files stay and the message says how many. Names
 * are made safe and never collide (core/files/localNames.ts). From a run or file row: that run;
 * from an agent: one of its runs; from the palette: agent → run.
 */
export async function downloadRunFiles(deps: RunFilesDeps, target?: unknown): Promise<void> {
  const run = await runTarget(deps, target);
  if (!run) return;
  const api = await deps.tree.api(run.envId);
  const files = await deps.ui.withProgress(forNotification(l10n.t('Loading files…')), () => api.listRunFiles(run.agentId, run.runId));
  if (files.length === 0) {
    void deps.ui.info(forNotification(l10n.t('Run #{0} has no output files.', run.runId)));
    return;
  }
  const folder = await deps.tree.workbench.chooseFolder(forPlain(l10n.t('Download the {0} files of run #{1} to…', files.length, run.runId)));
  if (!folder) return;
  let batch: readonly RunFile[] = files;
  for (;;) {
    const result = await download(deps, api, run, batch, folder);
    deps.log.info(
      `Download All of run ${run.runId}: ${result.saved.length} saved, ${result.failed.length} failed, ${result.notTried.length} not tried${result.cancelled ? ' (cancelled)' : ''}`,
    );
    for (const failed of result.failed) deps.log.warn(`Run file ${failed.file.id} not saved: ${forLog(failed.failure.message)}`);
    const retry = await downloadOutcome(deps, result, { total: batch.length, folder, runId: run.runId });
    if (!retry) return;
    // Retry: the files that failed or were stopped; the saved ones stay as they are.
    batch = [...result.failed.map((failed) => failed.file), ...result.notTried];
  }
}

function download(deps: RunFilesDeps, api: SequentumApi, run: RunTarget, files: readonly RunFile[], folder: string): Promise<DownloadAllResult> {
  const title = forNotification(l10n.t('Downloading {0} files of run #{1}', files.length, run.runId));
  return deps.tree.workbench.progress(title, (report, signal) => {
    let reported = 0;
    return downloadAllFiles({
      api,
      agentId: run.agentId,
      runId: run.runId,
      files,
      folder,
      signal,
      onProgress: (progress) => {
        // The bar only moves on (VS Code adds increments up): bytes of a file that failed or started
        // over leave the count, so the bar waits until the count passes where it was.
        const percent = Math.max(reported, percentOf(progress));
        report(forNotification(progressMessage(progress, deps.tree.locale)), percent - reported);
        reported = percent;
      },
    });
  });
}

/** By bytes when every size is known, else by files finished. */
function percentOf({ filesDone, filesTotal, bytesDone, bytesTotal }: BatchProgress): number {
  if (bytesTotal) return Math.min(100, (bytesDone / bytesTotal) * 100);
  return filesTotal > 0 ? (filesDone / filesTotal) * 100 : 0;
}

/** "3 of 10 files · 12.4 MB of 50.0 MB". */
function progressMessage({ filesDone, filesTotal, bytesDone, bytesTotal }: BatchProgress, locale: string | undefined): string {
  return l10n.t('{0} of {1} files · {2}', filesDone, filesTotal, bytesOf(bytesDone, bytesTotal, locale));
}

/** The run a command argument names (run row, file row, `{agentId, runId}`), else asked for. */
async function runTarget(deps: RunFilesDeps, target: unknown): Promise<RunTarget | undefined> {
  const title = forIconLabel(l10n.t('Sequentum: Download All Output Files'));
  const named = targetRefOf(target);
  const chosen = named ? { envId: named.envId } : await choosePaletteEnvironment(deps, title);
  if (!chosen) return undefined;
  if (named?.runId !== undefined) return { ...chosen, agentId: named.agentId, runId: named.runId };
  const api = await deps.tree.api(chosen.envId);
  const agent = named ? { id: named.agentId, name: named.agentName ?? l10n.t('Agent {0}', named.agentId) } : await pickAgent(deps, api, { title });
  if (!agent) return undefined;
  const run = await pickRun(deps, api, agent, title);
  return run ? { ...chosen, agentId: agent.id, runId: run.id } : undefined;
}
