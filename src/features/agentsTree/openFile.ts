import type { RunFile } from '../../core/api/model';
import type { SequentumApi } from '../../core/api/sequentumApi';
import { choosePaletteEnvironment } from '../../core/targets/chooseEnvironment';
import { isTextFile, languageOf, safeFileName } from '../../core/tree/fileKinds';
import { formatBytes } from '../../core/tree/format';
import { asKind, pickAgent, pickFile, pickRun, targetRefOf, type TargetRef } from '../../core/targets/treeTargets';
import type { TreeCommandDeps } from './treeDeps';

/** Text files larger than this are downloaded rather than opened in an editor. */
const MAX_EDITOR_BYTES = 50 * 1024 * 1024;

interface FileRef {
  agentId: number;
  runId: number;
  file: RunFile;
}

/**
 * Opens a run's output file: text (csv, json, txt, log, xml, html as source) in an editor, other
 * files downloaded to a folder the user picks; both with progress. From the palette: agent → run → file.
 */
export async function openFile(deps: TreeCommandDeps, target?: unknown): Promise<void> {
  const node = asKind(target, 'file');
  const named = targetRefOf(target);
  // From the palette with several keyed environments: which one first.
  const chosen = target === undefined ? await choosePaletteEnvironment(deps, 'Sequentum: Open Output File') : { envId: named?.envId };
  if (!chosen) return;
  const api = await deps.tree.api(chosen.envId);
  const ref = node ? { agentId: node.agentId, runId: node.runId, file: node.file } : await pickFileRef(deps, api, named);
  if (!ref) return;
  const name = safeFileName(ref.file.name, `file-${ref.file.id}`);
  const { workbench } = deps.tree;
  if (isTextFile(name) && (ref.file.fileSize ?? 0) <= MAX_EDITOR_BYTES) {
    const bytes = await download(deps, api, ref, `Opening ${name}`);
    await workbench.openTextFile(`run-${ref.agentId}-${ref.runId}`, name, bytes, languageOf(name));
    return;
  }
  const folder = await workbench.chooseFolder(`Save ${name} to…`);
  if (!folder) return;
  const bytes = await download(deps, api, ref, `Downloading ${name}`);
  const path = await workbench.saveFile(folder, name, bytes);
  deps.log.info(`Saved run file ${ref.file.id} of run ${ref.runId} (${bytes.byteLength} bytes)`);
  if ((await deps.ui.info(`Saved ${name} (${formatBytes(bytes.byteLength, deps.tree.locale)}).`, 'Reveal')) === 'Reveal') {
    await workbench.revealFile(path);
  }
}

/** Asks for what the argument did not name: agent (palette), run (agent given), file (run given). */
async function pickFileRef(deps: TreeCommandDeps, api: SequentumApi, named: TargetRef | undefined): Promise<FileRef | undefined> {
  const title = 'Sequentum: Open Output File';
  const agent = named ? { id: named.agentId, name: named.agentName ?? `Agent ${named.agentId}` } : await pickAgent(deps, api, title);
  if (!agent) return undefined;
  const runId = named?.runId ?? (await pickRun(deps, api, agent, title))?.id;
  if (runId === undefined) return undefined;
  const file = await pickFile(deps, api, agent.id, runId, title);
  return file ? { agentId: agent.id, runId, file } : undefined;
}

function download(deps: TreeCommandDeps, api: SequentumApi, ref: FileRef, title: string): Promise<Uint8Array> {
  return deps.tree.workbench.progress(title, async (report, signal) => {
    let reported = 0;
    const result = await api.downloadRunFile(ref.agentId, ref.runId, ref.file.id, {
      signal,
      onProgress: (received, total) => {
        const size = total ?? ref.file.fileSize;
        const percent = size ? Math.min(100, (received / size) * 100) : undefined;
        report(`${formatBytes(received, deps.tree.locale)}${size ? ` of ${formatBytes(size, deps.tree.locale)}` : ''}`, percent !== undefined ? percent - reported : undefined);
        if (percent !== undefined) reported = percent;
      },
    });
    return result.bytes;
  });
}
