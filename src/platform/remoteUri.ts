import * as vscode from 'vscode';
import { REMOTE_SCHEME } from '../core/remote/remoteScheme';

/** `/default/agents/1/schedules/2.json` → `sequentum:/default/agents/1/schedules/2.json`. */
export function uriOf(path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: REMOTE_SCHEME, path });
}
