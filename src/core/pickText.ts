import { plainText } from './tree/untrustedText';

/**
 * Escapes VS Code's theme-icon syntax: quick-pick labels, descriptions and details turn `$(name)`
 * into an icon, so server text such as an agent called "$(warning) Prices" would show an icon the
 * server chose. `\$(` shows the text as typed (a backslash already there stays visible).
 */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * Untrusted text (agent names, run statuses and messages) for a quick-pick label, description or
 * detail: one line, control-free, capped at `maxLength`, and icon syntax escaped.
 */
export function pickText(value: string | number | null | undefined, maxLength = 200): string {
  return escapeIcons(plainText(value, maxLength));
}
