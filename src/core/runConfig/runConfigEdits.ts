import { modify, type FormattingOptions } from 'jsonc-parser';
import type { RunConfigEntry } from './runConfigDocument';

/** A text replacement in offsets of the original text (what quick fixes apply). */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

const FORMATTING: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

/** Quick fix "pick another agent": replaces the entry's `agentId` value, keeping everything else. */
export function replaceAgentIdEdit(entry: RunConfigEntry, agentId: number): TextEdit | undefined {
  if (!entry.agentId) return undefined;
  const { start, end } = entry.agentId.valueRange;
  return { offset: start, length: end - start, content: String(agentId) };
}

/**
 * Quick fix "remove unknown parameter": deletes the property and its separating comma, the way
 * a person would (jsonc-parser's modify keeps comments and formatting elsewhere).
 */
export function removeParameterEdits(text: string, entry: RunConfigEntry, key: string): TextEdit[] {
  const inputKey = entry.inputParameters?.key ?? 'inputParameters';
  return modify(text, ['runs', entry.index, inputKey, key], undefined, { formattingOptions: FORMATTING });
}
