import { l10n } from './text/l10n';
import { forPrompt, type PromptText } from './text/sinks';
/** Where the API key comes from: SecretStorage first, then the SEQUENTUM_API_KEY variable. */
export type ApiKeySource = 'secret-storage' | 'environment';

export interface ApiKeyInfo {
  key: string;
  source: ApiKeySource;
  /**
   * The origin the key is bound to (the first one it was sent to, or one the person confirmed);
   * undefined until its first use after it was set.
   */
  origin?: string;
}

/** Port over the key's storage; the VS Code adapter uses SecretStorage. */
export interface ApiKeyStore {
  get(): Promise<ApiKeyInfo | undefined>;
  /** Stores a new key; it is bound to an origin again at its first use. */
  store(key: string): Promise<void>;
  /** Deletes the key and its origin binding. */
  clear(): Promise<void>;
  /** Binds the key to `origin` (see ApiKeyInfo.origin). A store without it binds nothing. */
  bindOrigin?(origin: string): Promise<void>;
  /** Fires after the stored key changed (set, cleared, or changed in another window). */
  onDidChange(listener: () => void): { dispose(): unknown };
}

/**
 * Checks what a user typed as a key before storing it. Sequentum keys start with "sk-"; we still
 * accept other shapes (self-hosted deployments) but refuse whitespace and empty input, which are
 * always paste mistakes.
 */
export function validateApiKeyInput(value: string): PromptText | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0) return forPrompt(l10n.t('Enter the API key (it starts with "sk-").'));
  if (/\s/.test(trimmed)) return forPrompt(l10n.t('An API key contains no spaces or line breaks.'));
  if (trimmed.length < 8) return forPrompt(l10n.t('That is too short to be an API key.'));
  return undefined;
}
