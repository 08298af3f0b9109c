import type { Logger } from '../log';
import { l10n } from '../text/l10n';
import { resolveApiEndpoint } from './baseUrl';
import { ConfigurationError } from './errors';

/**
 * A key is bound to the origin it was first used with. When an environment's base URL moves to
 * another origin (a settings edit, Settings Sync, a pasted URL), the key is not sent there until
 * the person confirms: a key for one server is a password the next one could keep.
 */

/** What the confirmation prompt shows. */
export interface KeyOriginQuestion {
  /** The environment's name; undefined for the default one (`sequentum.baseUrl`). */
  environment?: string;
  /** Where the key was used so far. */
  boundOrigin: string;
  /** Where the base URL points now. */
  newOrigin: string;
}

/** The UI port's prompt: true when the person agrees to send the key to `newOrigin`. */
export type ConfirmKeyOrigin = (question: KeyOriginQuestion) => Promise<boolean>;

/** The environment's key waits for confirmation before it goes to the new origin of its base URL. */
export class KeyOriginError extends ConfigurationError {
  constructor(
    readonly boundOrigin: string,
    readonly newOrigin: string,
    setting: string,
  ) {
    super(l10n.t('The API key was set for {0}; it is not sent to {1} until you confirm.', boundOrigin, newOrigin), setting);
    this.name = 'KeyOriginError';
  }

  static override is(value: unknown): value is KeyOriginError {
    return value instanceof KeyOriginError;
  }
}

/** The origin the API key would go to for this base URL; undefined when the URL is unusable (the client factory says why). */
export function keyOriginOf(baseUrl: string): string | undefined {
  try {
    return resolveApiEndpoint(baseUrl).origin;
  } catch {
    return undefined;
  }
}

/**
 * Asks at most one question at a time, and not again about an origin the person declined (or
 * dismissed) until the settings or the key change ({@link reset}) — background work that keeps
 * asking for a client must not stack prompts.
 */
export class KeyOriginConfirmations {
  private asking = false;
  private declined: string | undefined;

  constructor(
    private readonly confirm: ConfirmKeyOrigin | undefined,
    private readonly log: Logger,
  ) {}

  /** Shows the question unless one is open or it was declined; `onConfirmed` runs after a yes. */
  ask(question: KeyOriginQuestion, onConfirmed: () => Promise<void>): void {
    if (!this.confirm || this.asking || this.declined === question.newOrigin) return;
    this.asking = true;
    this.log.warn(`The base URL now points to ${question.newOrigin}; the API key (set for ${question.boundOrigin}) waits for confirmation.`);
    void this.confirm(question)
      .then(async (confirmed) => {
        if (!confirmed) {
          this.declined = question.newOrigin;
          return;
        }
        this.log.info(`API key confirmed for ${question.newOrigin}`);
        await onConfirmed();
      })
      .catch((error: unknown) => this.log.error('Confirming the API key for the new base URL failed', error))
      .finally(() => {
        this.asking = false;
      });
  }

  /** Settings or key changed: a declined origin may be asked about again. */
  reset(): void {
    this.declined = undefined;
  }
}
