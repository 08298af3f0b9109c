import type { SequentumApi } from '../api/sequentumApi';
import type { EventLike } from '../emitter';

/** One configured Sequentum deployment: base URL + its own key (kept in the environment source). */
export interface Environment {
  /** Stable id used in node ids ("default" for the settings + SecretStorage one). */
  id: string;
  name: string;
  baseUrl: string;
}

/** Where the tree gets its environments and, per environment, the current API client. */
export interface EnvironmentSource {
  /** At least one; the first is the default (settings + SecretStorage). */
  environments(): readonly Environment[];
  /** The current client, or undefined when the environment has no API key. May reject (bad settings). */
  client(envId: string): Promise<SequentumApi | undefined>;
  /** Epoch ms when the environment's request budget frees, when paused. */
  pausedUntil?(envId: string): number | undefined;
  /** Fires when environments or their clients change (key, base URL): the whole tree reloads. */
  readonly onDidChange: EventLike<void>;
}
