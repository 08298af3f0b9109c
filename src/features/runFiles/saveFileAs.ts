import { basename, dirname } from 'node:path';
import { CancelledError } from '../../core/api/errors';
import type { RunFile } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { describeDownloadFailure } from '../../core/files/downloadFailure';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { pickAgent } from '../../core/targets/pickAgent';
import { asKind, pickFile, pickRun, targetRefOf } from '../../core/targets/treeTargets';
import { formatBytes } from '../../core/text/format';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forLog, forNotification, forPlain } from '../../core/text/sinks';
import { safeFileName } from '../../core/tree/fileKinds';
import { bytesOf, type RunFilesDeps } from './runFilesDeps';

interface FileTarget {
  envId?: string;
  agentId: number;
  runId: number;
  file: RunFile;
}

/**
 * `sequentum.saveFileAs`: any output file of a run, saved where the user says (the save dialog),
 * streamed to disk through the download path (never whole in memory; a broken connection resumes)
 * with progress and Cancel. A failure names its cause (gone from the server, link refused, disk
 * full, no permission) and leaves no partial file behind; Retry saves to the same path again.
 * From a file row: that file; from a run: one of its files; from the palette: agent → run → file.
 */
export async function saveFileAs(deps: RunFilesDeps, target?: unknown): Promise<void> {
  const chosen = await fileTarget(deps, target);
  if (!chosen) return;
  const name = safeFileName(chosen.file.name, `file-${chosen.file.id}`);
  const path = await deps.tree.workbench.chooseSaveFile(forPlain(l10n.t('Save {0} as…', name)), name);
  if (!path) return;
  const api = await deps.tree.api(chosen.envId);
  let size: number;
  for (;;) {
    try {
      size = await saveTo(deps, api, chosen, path);
      deps.log.info(`Saved run file ${chosen.file.id} of run ${chosen.runId} to a chosen path (${size} bytes)`);
      break;
    } catch (error) {
      if (CancelledError.is(error)) throw error;
      const failure = describeDownloadFailure(error, { name: basename(path), folder: dirname(path) });
      deps.log.warn(`Save As of run file ${chosen.file.id} failed: ${forLog(failure.message)}`);
      if (!(await deps.showFailure(error, { message: failure.message, retryable: failure.retryable }))) return;
    }
  }
  const reveal = l10n.t('Reveal');
  const saved = forNotification(l10n.t('Saved {0} ({1}).', basename(path), formatBytes(size, deps.tree.locale)));
  if ((await deps.ui.info(saved, reveal)) === reveal) await deps.tree.workbench.revealFile(path);
}

function saveTo(deps: RunFilesDeps, api: SequentumApi, { agentId, runId, file }: FileTarget, path: string): Promise<number> {
  const title = forNotification(l10n.t('Saving {0}', basename(path)));
  return deps.tree.workbench.progress(title, async (report, signal) => {
    let reported = 0;
    const saved = await api.downloadRunFileTo(agentId, runId, file.id, path, {
      signal,
      onProgress: (received, total) => {
        const size = total ?? file.fileSize;
        // The bar only moves on (VS Code adds increments up): a download that starts over from byte 0
        // leaves it where it was until the bytes pass that point again.
        const percent = size ? Math.max(reported, Math.min(100, (received / size) * 100)) : undefined;
        report(forNotification(bytesOf(received, size, deps.tree.locale)), percent !== undefined ? percent - reported : undefined);
        if (percent !== undefined) reported = percent;
      },
    });
    return saved.size;
  });
}

/** The file a command argument names, else asked for: run → file, agent → run → file, palette → agent → run → file. */
async function fileTarget(deps: RunFilesDeps, target: unknown): Promise<FileTarget | undefined> {
  const node = asKind(target, 'file');
  if (node) return { envId: node.envId, agentId: node.agentId, runId: node.runId, file: node.file };
  const title = forIconLabel(l10n.t('Sequentum: Save Output File As…'));
  const named = targetRefOf(target);
  const chosen = named ? { envId: named.envId } : await choosePaletteEnvironment(deps, title);
  if (!chosen) return undefined;
  const api = await deps.tree.api(chosen.envId);
  const agent = named ? { id: named.agentId, name: named.agentName ?? l10n.t('Agent {0}', named.agentId) } : await pickAgent(deps, api, { title });
  if (!agent) return undefined;
  const runId = named?.runId ?? (await pickRun(deps, api, agent, title))?.id;
  if (runId === undefined) return undefined;
  const fileId = (target as { fileId?: unknown } | undefined)?.fileId;
  const listed = typeof fileId === 'number' ? (await api.listRunFiles(agent.id, runId)).find((file) => file.id === fileId) : undefined;
  const file = listed ?? (await pickFile(deps, api, agent.id, runId, title));
  return file ? { ...chosen, agentId: agent.id, runId, file } : undefined;
}
