import { basename } from 'node:path';
import type { SavedDownload } from '../../core/api/download';
import type { RunFile } from '../../core/api/model';
import { GrowingFile, HOLD_FOR_VIEWER_MS } from '../../core/files/growingFile';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { isTextFile, languageOf, safeFileName } from '../../core/tree/fileKinds';
import { formatBytes } from '../../core/text/format';
import { asKind, pickFile, pickRun, targetRefOf, type TargetRef } from '../../core/targets/treeTargets';
import { pickAgent } from '../../core/targets/pickAgent';
import { looksLikeJsonArrayOfObjects } from '../../core/table/jsonArraySource';
import { tableKindOf } from '../../core/table/tableKinds';
import { l10n } from '../../core/text/l10n';
import { forIconLabel, forNotification, forPlain, type NotificationText } from '../../core/text/sinks';
import type { TreeCommandDeps } from './treeDeps';

/**
 * Text files larger than this — or of unknown size — are saved to a folder rather than opened in
 * an editor (the editor would hold them in memory, twice); a file listed smaller that turns out
 * larger is refused at this size, so a wrong listing cannot fill the opened-files cache.
 */
const MAX_EDITOR_BYTES = 50 * 1024 * 1024;

/**
 * CSV files up to this size open in the table view, which reads rows from disk on demand (its
 * memory is the rows on screen), so the limit is the opened-files cache's, not the editor's.
 */
const MAX_TABLE_BYTES = 256 * 1024 * 1024;

interface FileRef {
  agentId: number;
  runId: number;
  file: RunFile;
}

/**
 * Opens a run's output file: CSV and JSON arrays of objects in the table view, other text (json,
 * txt, log, xml, html as source) in an editor, other
 * files downloaded to a folder the user picks; both streamed to disk with progress (never held in
 * memory; see downloadRunFileTo). From the palette: agent → run → file.
 */
export async function openFile(deps: TreeCommandDeps, target?: unknown): Promise<void> {
  const node = asKind(target, 'file');
  const named = targetRefOf(target);
  // From the palette with several keyed environments: which one first.
  const chosen = target === undefined ? await choosePaletteEnvironment(deps, forIconLabel(l10n.t('Sequentum: Open Output File'))) : { envId: named?.envId };
  if (!chosen) return;
  const api = await deps.tree.api(chosen.envId);
  const ref = node ? { agentId: node.agentId, runId: node.runId, file: node.file } : await pickFileRef(deps, api, named);
  if (!ref) return;
  const name = safeFileName(ref.file.name, `file-${ref.file.id}`);
  const { workbench } = deps.tree;
  const { fileSize } = ref.file;
  const table = tableKindOf(name);
  const maxOpenBytes = table === 'csv' ? MAX_TABLE_BYTES : MAX_EDITOR_BYTES;
  if (isTextFile(name) && fileSize !== undefined && fileSize <= maxOpenBytes) {
    const path = await workbench.cachedFilePath(`run-${ref.agentId}-${ref.runId}`, name);
    if (table === 'csv') return openCsvWhileDownloading(deps, api, ref, path, name);
    await download(deps, api, ref, path, forNotification(l10n.t('Opening {0}', name)), maxOpenBytes);
    // JSON arrays of objects as a table; other JSON (an object, a list of numbers) as text.
    if (table === 'json' && (await looksLikeJsonArrayOfObjects(path))) await workbench.openTable(path);
    else await workbench.openTextFile(path, languageOf(name));
    return;
  }
  const folder = await workbench.chooseFolder(forPlain(l10n.t('Save {0} to…', name)));
  if (!folder) return;
  const path = await workbench.freeFilePath(folder, name);
  const saved = await download(deps, api, ref, path, forNotification(l10n.t('Downloading {0}', name)));
  deps.log.info(`Saved run file ${ref.file.id} of run ${ref.runId} (${saved.size} bytes${saved.resumed || saved.restarted ? `; resumed ${saved.resumed}, restarted ${saved.restarted}` : ''})`);
  const reveal = l10n.t('Reveal');
  const shownName = basename(path);
  if ((await deps.ui.info(forNotification(l10n.t('Saved {0} ({1}).', shownName, formatBytes(saved.size, deps.tree.locale))), reveal)) === reveal) {
    await workbench.revealFile(path);
  }
}

/**
 * A CSV opens in the table view as soon as the server answers: the page loads while the bytes
 * arrive, and the table follows the download (a 46 MB file shows rows after its first 64 KiB, not
 * after all of it), counting rows as they come.
 * The progress notification stays until the download ends; its failure fails the command (and
 * the table says so). A download refused before the server answers with the file opens nothing.
 */
async function openCsvWhileDownloading(deps: TreeCommandDeps, api: SequentumApi, ref: FileRef, path: string, name: string): Promise<void> {
  // The download pauses after its first 64 KiB until the page shows them (at most 3 s): loading the
  // page beside 46 MB going to disk was most of the time to the first rows.
  const growing = new GrowingFile(path, { holdForViewerMs: HOLD_FOR_VIEWER_MS });
  const downloading = download(deps, api, ref, path, forNotification(l10n.t('Opening {0}', name)), MAX_TABLE_BYTES, growing);
  growing.follow(downloading);
  // Awaited below; marked handled now so a failure while the table opens is not "unhandled".
  downloading.catch(() => undefined);
  await growing.answered;
  if (!growing.hasFailed) await deps.tree.workbench.openTable(path, growing);
  await downloading;
}

/** Asks for what the argument did not name: agent (palette), run (agent given), file (run given). */
async function pickFileRef(deps: TreeCommandDeps, api: SequentumApi, named: TargetRef | undefined): Promise<FileRef | undefined> {
  const title = forIconLabel(l10n.t('Sequentum: Open Output File'));
  const agent = named ? { id: named.agentId, name: named.agentName ?? l10n.t('Agent {0}', named.agentId) } : await pickAgent(deps, api, { title });
  if (!agent) return undefined;
  const runId = named?.runId ?? (await pickRun(deps, api, agent, title))?.id;
  if (runId === undefined) return undefined;
  const file = await pickFile(deps, api, agent.id, runId, title);
  return file ? { agentId: agent.id, runId, file } : undefined;
}

function download(deps: TreeCommandDeps, api: SequentumApi, ref: FileRef, destination: string, title: NotificationText, maxBytes?: number, watch?: GrowingFile): Promise<SavedDownload> {
  return deps.tree.workbench.progress(title, async (report, signal) => {
    let reported = 0;
    return api.downloadRunFileTo(ref.agentId, ref.runId, ref.file.id, destination, {
      signal,
      ...(maxBytes !== undefined ? { maxBytes } : {}),
      ...(watch ? { watch } : {}),
      onProgress: (received, total) => {
        const size = total ?? ref.file.fileSize;
        const percent = size ? Math.min(100, (received / size) * 100) : undefined;
        const done = formatBytes(received, deps.tree.locale);
        const message = size ? l10n.t('{0} of {1}', done, formatBytes(size, deps.tree.locale)) : done;
        report(forNotification(message), percent !== undefined ? percent - reported : undefined);
        if (percent !== undefined) reported = percent;
      },
    });
  });
}
