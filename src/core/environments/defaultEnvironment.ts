import { hostOf } from '../api/baseUrl';
import type { ClientProvider } from '../api/clientProvider';
import type { EventLike } from '../emitter';
import type { Environment } from './environmentSource';
import type { EnvironmentSource } from './environmentSource';

/** Id of the environment built from `sequentum.baseUrl` + the key in SecretStorage. */
export const DEFAULT_ENVIRONMENT_ID = 'default';

/**
 * The single-environment source: settings + SecretStorage through the client provider. Several
 * environments (e.g. a `sequentum.environments` setting with per-environment keys) would be another
 * EnvironmentSource returning more entries; the tree then shows them as top-level nodes.
 */
export class DefaultEnvironmentSource implements EnvironmentSource {
  readonly onDidChange: EventLike<void>;

  constructor(private readonly clients: ClientProvider) {
    this.onDidChange = clients.onDidChange;
  }

  environments(): readonly Environment[] {
    const baseUrl = this.clients.baseUrl;
    return [{ id: DEFAULT_ENVIRONMENT_ID, name: hostOf(baseUrl), baseUrl }];
  }

  client(envId: string) {
    return envId === DEFAULT_ENVIRONMENT_ID ? this.clients.current() : Promise.resolve(undefined);
  }

  pausedUntil(envId: string): number | undefined {
    return envId === DEFAULT_ENVIRONMENT_ID ? this.clients.peek()?.budget?.snapshot().pausedUntil : undefined;
  }
}
