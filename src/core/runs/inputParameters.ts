import { l10n } from '../text/l10n';
import { forPrompt, type PromptText } from '../text/sinks';

const EXAMPLE = '{"url": "https://example.com"}';

/** Result of reading the input-parameters box: the object to send, or why the text is not one. */
export type ParsedParameters = { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string };

/** The text the parameters box starts with: the agent's declared parameters and their defaults. */
export function parametersText(declared: Record<string, unknown>): string {
  return JSON.stringify(declared);
}

/**
 * Parses what the user typed: a JSON object (sent as `inputParameters`), or empty text (send none).
 * Anything else is refused with a message that says what is wrong, so the box can keep the text.
 */
export function parseParametersText(text: string): ParsedParameters {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: l10n.t('Not valid JSON ({0}). Example: {1}', reason, EXAMPLE) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: l10n.t('Input parameters must be a JSON object such as {0}.', EXAMPLE) };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** For an input box's validateInput: the message, or undefined when the text is usable. */
export function validateParametersText(text: string): PromptText | undefined {
  const parsed = parseParametersText(text);
  return parsed.ok ? undefined : forPrompt(parsed.message);
}
