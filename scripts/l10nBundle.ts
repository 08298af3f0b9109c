// Collects every user-visible string of src/ into the shape of l10n/bundle.l10n.json, with
// @vscode/l10n-dev's own extractor. Adapters call `vscode.l10n.t('…')`, which the extractor finds
// as it is. Core code cannot import vscode; it calls `l10n.t('…')` on the port in
// src/core/text/l10n.ts, so for those files the extractor is told that `l10n` is VS Code's (one
// import line prepended to the text it analyses; the file itself is not changed).
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const PORT_IMPORT = /from '(?:\.\.?\/)+(?:core\/)?text\/l10n'|from '\.\/l10n'/;
const EXTRACTOR_HINT = "import * as vscode from 'vscode';\n";

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return extname(entry.name) === '.ts' && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Message → English text (or `{message, comment}` when the call gave translators a comment). */
export type L10nBundle = Record<string, string | { message: string; comment: string[] }>;

/** The bundle for `srcFolder`, keys sorted so the file diffs cleanly. */
export async function collectL10nBundle(srcFolder: string): Promise<L10nBundle> {
  const files = sourceFiles(srcFolder)
    .sort()
    .map((path) => {
      const contents = readFileSync(path, 'utf8');
      return { extension: '.ts', contents: PORT_IMPORT.test(contents) ? EXTRACTOR_HINT + contents : contents };
    });
  const bundle = await getL10nJson(files);
  const sorted: L10nBundle = {};
  for (const key of Object.keys(bundle).sort()) sorted[key] = bundle[key];
  return sorted;
}

/** The bundle as written to disk (the format `npx @vscode/l10n-dev export` writes, keys sorted). */
export function formatBundle(bundle: L10nBundle): string {
  return `${JSON.stringify(bundle, undefined, 2)}\n`;
}
