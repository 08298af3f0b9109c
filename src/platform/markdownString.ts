import * as vscode from 'vscode';
import type { MarkdownText } from '../core/text/markdownText';

/**
 * The one way our Markdown reaches VS Code (hovers, tree tooltips): untrusted (no command links),
 * no HTML, no theme icons. MarkdownText has every piece of server text escaped; these settings
 * keep it that way — `supportThemeIcons` would turn an escaped `\$\(x\)` back into an icon.
 */
export function toMarkdownString(text: MarkdownText): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text, false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
