// VS Code's own grammar for the two syntaxes server text must never form, restated from its
// workbench sources (vs/base/common/linkedText.ts for notification and input-box links;
// vs/base/browser/ui/iconLabel/iconLabels.ts with vs/base/common/themables.ts for `$(icon)`),
// so the sink tests check outputs against what the workbench would actually render.

/** Schemes linkedText turns into links (matched case-insensitively). */
const LINK_SCHEMES = String.raw`(?:https?:\/\/|command:|file:)`;
/** `[label](target "title")`: a label without `]`, a target without `)` or whitespace, an optional quoted title. */
const LINKED_TEXT = new RegExp(String.raw`\[[^\]]+\]\(${LINK_SCHEMES}[^)\s]+(?: (["']).+?\1)?\)`, 'gi');

/** The links a notification message or input-box prompt would render for `text`. */
export function linkedTextLinks(text: string): string[] {
  return [...text.matchAll(LINKED_TEXT)].map((match) => match[0]);
}

/** Icon names: letters, digits and dashes, with an optional `~modifier` (newer VS Code). */
const ICON_NAME = '[A-Za-z0-9-]+(?:~[A-Za-z]+)?';
/** Older VS Code versions accept any mix of letters, digits, `~` and `-` as the name. */
const ICON_NAME_OLD = '[A-Za-z0-9~-]+';

/**
 * The icons a label would render: scanning left to right, `$(name)` is an icon unless a backslash
 * sits right before the `$` (then it shows as typed). Checked with both name grammars.
 */
export function renderedIcons(text: string): string[] {
  const icons: string[] = [];
  for (const name of [ICON_NAME, ICON_NAME_OLD]) {
    const pattern = new RegExp(String.raw`(\\)?\$\((${name})\)`, 'g');
    for (const match of text.matchAll(pattern)) if (match[1] === undefined) icons.push(match[2]);
  }
  return icons;
}
