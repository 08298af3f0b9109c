import * as vscode from 'vscode';
import { LOG_HEADER_LINES } from '../../core/logs/logDocument';
import { logProblems } from '../../core/logs/logText';
import { l10n } from '../../core/text/l10n';
import { forPlain } from '../../core/text/sinks';

/**
 * The outline of a run log: its errors and warnings in order, so the first error is one click
 * away (Outline view, breadcrumbs, Go to Symbol). Names are the lines' own text, shown plain.
 */
export const logOutlineProvider: vscode.DocumentSymbolProvider = {
  provideDocumentSymbols(document) {
    // The header is ours; the log starts after it.
    const body = document.getText(new vscode.Range(LOG_HEADER_LINES, 0, document.lineCount, 0));
    return logProblems(body).map((problem) => {
      const line = document.lineAt(Math.min(document.lineCount - 1, problem.line + LOG_HEADER_LINES));
      const level = problem.level === 'warning' ? l10n.t('Warning') : problem.level === 'fatal' ? l10n.t('Fatal') : l10n.t('Error');
      return new vscode.DocumentSymbol(
        forPlain(problem.message, { maxLength: 160 }) || level,
        level,
        problem.level === 'warning' ? vscode.SymbolKind.Event : vscode.SymbolKind.Key,
        line.range,
        line.range,
      );
    });
  },
};
