import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, type DiagnosticDescription, type SeverityName } from '../../core/diagnostics/diagnosticDescription';
import { LineIndex } from '../../core/diagnostics/serverProblems';
import type { OffsetRange } from '../../core/runConfig/runConfigDocument';
import { forPlain, type PlainText } from '../../core/text/sinks';

const SEVERITY: Record<SeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Offset ranges → positions, from an open document or (for closed files) the last known text. */
export type PositionSource = vscode.TextDocument | LineIndex;

export function toRange(source: PositionSource, range: OffsetRange): vscode.Range {
  const start = source.positionAt(range.start);
  const end = source.positionAt(range.end);
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/**
 * The message as the Problems panel and the editor hover show it: plain text, so server words
 * (problem titles, field errors) lose control and bidi characters and are capped, nothing else.
 */
export function diagnosticMessage(description: DiagnosticDescription): PlainText {
  return forPlain(description.message, { multiline: true, maxLength: 2000 });
}

/** Core description → vscode.Diagnostic with source "Sequentum" and a docs-linked code. */
export function toDiagnostic(source: PositionSource, description: DiagnosticDescription): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(source, description.range), diagnosticMessage(description), SEVERITY[description.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  const code = description.code;
  if (code) diagnostic.code = code.target ? { value: code.value, target: vscode.Uri.parse(code.target, true) } : code.value;
  return diagnostic;
}

/** Whether a diagnostic handed back by VS Code (a copy) is the one made from `description`. */
export function sameDiagnostic(source: PositionSource, diagnostic: vscode.Diagnostic, description: DiagnosticDescription): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && diagnostic.message === diagnosticMessage(description) && diagnostic.range.isEqual(toRange(source, description.range));
}
