/**
 * The translation port. Core code writes every user-visible string as `l10n.t('Text {0}', arg)`
 * with an English literal (the literal is the key: scripts/exportL10n.ts collects these calls into
 * l10n/bundle.l10n.json with @vscode/l10n-dev). The platform installs `vscode.l10n.t` at
 * activation; plain-Node tests and the simulator-driven unit tier use the default, English with
 * `{n}` substitution. The result is a plain string: it still goes through a sink's neutraliser
 * (src/core/text/sinks.ts) before VS Code shows it, because arguments are often server text.
 */

/** What may fill a `{n}` placeholder. */
export type L10nArg = string | number | boolean;

/** `vscode.l10n.t`'s positional form. */
export type Translate = (message: string, ...args: L10nArg[]) => string;

/**
 * Replaces `{0}`, `{1}`… with the arguments in one pass (an argument that itself contains `{1}`
 * stays as it is); a placeholder without an argument stays visible, as in vscode.l10n.t.
 */
export function formatMessage(message: string, args: readonly L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const position = Number(index);
    return position < args.length ? String(args[position]) : placeholder;
  });
}

const english: Translate = (message, ...args) => formatMessage(message, args);
let current: Translate = english;

/** Named `l10n` with a `t` member so @vscode/l10n-dev's extractor recognises the calls. */
export const l10n = {
  t(message: string, ...args: L10nArg[]): string {
    return current(message, ...args);
  },
};

/** Installs a translator (the platform passes vscode.l10n.t); returns a function that restores the previous one. */
export function useTranslate(translate: Translate): () => void {
  const previous = current;
  current = translate;
  return () => {
    current = previous;
  };
}
