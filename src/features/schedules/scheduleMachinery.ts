import * as vscode from 'vscode';
import type { Schedule } from '../../core/api/scheduleModel';
import { DisposableStore } from '../../core/lifecycle';
import { RemoteFileSystem } from '../../core/remote/remoteFileSystem';
import { scheduleDocumentDiagnostics } from '../../core/schedules/scheduleDocumentChecks';
import { scheduleHover, timeZoneNames, timeZoneSlot } from '../../core/schedules/scheduleDocumentAssist';
import { ScheduleFiles } from '../../core/schedules/scheduleFiles';
import { l10n } from '../../core/text/l10n';
import { forNotification } from '../../core/text/sinks';
import { NodeId } from '../../core/tree/nodes';
import { toMarkdownString } from '../../platform/markdownString';
import { RemoteFileSystemProvider } from '../../platform/remoteFileSystemProvider';
import { uriOf } from '../../platform/remoteUri';
import type { ScheduleDocumentsDeps } from './scheduleDeps';
import { isScheduleDocument } from './scheduleUris';

function toRange(document: vscode.TextDocument, range: { start: number; end: number }): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}

/**
 * What schedule documents do, built on first use (its own chunk of the build): the `sequentum:` file
 * system (core's router with the schedule kind), checks while typing through the shared diagnostic
 * collection, the hover with words and next fires, zone completion, and — after new.json was saved —
 * the created schedule's document in its place. ScheduleDocuments registers these with VS Code.
 */
export class ScheduleMachinery extends DisposableStore {
  readonly provider: RemoteFileSystemProvider;
  /** new.json documents whose save created a schedule: their tab becomes the schedule's. */
  private readonly moves = new Map<string, vscode.Uri>();

  constructor(private readonly deps: ScheduleDocumentsDeps) {
    super();
    const files = new ScheduleFiles({
      api: (envId) => deps.api(envId),
      confirmOverwrite: (name) => this.confirmOverwrite(name),
      showProblems: (path, problems) => deps.problems.setServerProblems(uriOf(path).toString(), problems),
      saved: (envId, schedule, created) => this.showInTree(envId, schedule, created),
      timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
      log: deps.log,
    });
    const fileSystem = new RemoteFileSystem([files]);
    this.register({ dispose: () => fileSystem.dispose() });
    this.provider = this.register(new RemoteFileSystemProvider(fileSystem, deps.log));
    this.register(this.provider.onDidMove(({ from, to }) => this.moves.set(from.toString(), to)));
    this.register(deps.problems.addDocumentCheck({ applies: isScheduleDocument, check: scheduleDocumentDiagnostics }));
  }

  private async confirmOverwrite(name: string): Promise<boolean> {
    const overwrite = l10n.t('Overwrite');
    const answer = await this.deps.ui.ask(
      forNotification(l10n.t('{0} changed on the server since you opened it. Overwrite it with your version?', name)),
      { modal: true, severity: 'warning', detail: forNotification(l10n.t('Cancel keeps your edit unsaved; close it without saving and open the schedule again to see the server\'s version.')) },
      overwrite,
    );
    return answer === overwrite;
  }

  private showInTree(envId: string, schedule: Schedule, created: boolean): void {
    if (!created) return this.deps.model.scheduleChanged(envId, schedule);
    const agent = this.deps.model.nodeById(NodeId.agent(envId, schedule.agentId));
    if (agent) this.deps.model.refresh(agent);
  }

  /** After new.json was saved: the created schedule's document opens where new.json was, which closes. */
  async afterSave(document: vscode.TextDocument): Promise<void> {
    const to = this.moves.get(document.uri.toString());
    if (!to) return;
    this.moves.delete(document.uri.toString());
    const column = vscode.window.visibleTextEditors.find((editor) => editor.document === document)?.viewColumn;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(to), { preview: false, viewColumn: column });
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === document.uri.toString());
    await vscode.window.tabGroups.close(tabs);
  }

  hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isScheduleDocument(document.uri)) return undefined;
    const hover = scheduleHover(document.getText(), document.offsetAt(position), Date.now(), this.deps.locale);
    return hover && new vscode.Hover(toMarkdownString(hover.markdown), toRange(document, hover.range));
  }

  zones(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!isScheduleDocument(document.uri)) return undefined;
    const slot = timeZoneSlot(document.getText(), document.offsetAt(position));
    if (!slot) return undefined;
    const range = toRange(document, slot.range);
    return timeZoneNames().map((zone) => {
      const item = new vscode.CompletionItem(zone, vscode.CompletionItemKind.EnumMember);
      item.insertText = JSON.stringify(zone);
      // Typing "Ber" inside the quotes still finds Europe/Berlin: match on the quoted name.
      item.filterText = JSON.stringify(zone);
      item.range = range;
      item.detail = l10n.t('IANA time zone');
      return item;
    });
  }
}
