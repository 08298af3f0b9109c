import type * as vscode from 'vscode';

/**
 * Which documents the run-config machinery cares about, decided without loading it (this file is
 * part of activation; the checks, jsonc-parser and the schema load when one of these shows up).
 */

/** Run-config files by name; the schema, CodeLens and checks all use this. */
export const RUN_CONFIG_SELECTOR: vscode.DocumentSelector = { pattern: '**/*.sequentum.json' };
export const RUN_CONFIG_SUFFIX = '.sequentum.json';
/** Documents mentioning this get agent-reference checks (the text test the checks themselves use). */
export const REFERENCE_MARKER = '/api/v1/agent';
/** A hover target on a line: the reference pattern's prefix, in any case (as findAgentReferences matches). */
const HOVER_MARKER = /\/api\/v1\/agent/i;

export function isRunConfig(document: vscode.TextDocument): boolean {
  return document.uri.path.toLowerCase().endsWith(RUN_CONFIG_SUFFIX);
}

/** Whether a hover at this line could name an agent (a run-config's `agentId`, or an API path on the line). */
export function mayHoverAgent(document: vscode.TextDocument, position: vscode.Position): boolean {
  return isRunConfig(document) || HOVER_MARKER.test(document.lineAt(position.line).text);
}

/** Whether the lines an edit touched (in the edited text) mention an agent path. */
export function editMentionsAgents(event: vscode.TextDocumentChangeEvent): boolean {
  const document = event.document;
  return event.contentChanges.some((change) => {
    const first = change.range.start.line;
    const last = Math.min(first + (change.text.match(/\n/g)?.length ?? 0), document.lineCount - 1);
    for (let line = first; line <= last; line++) if (document.lineAt(line).text.includes(REFERENCE_MARKER)) return true;
    return false;
  });
}
