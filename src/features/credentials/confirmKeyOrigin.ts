import type { ConfirmKeyOrigin } from '../../core/api/keyOrigin';
import { l10n } from '../../core/text/l10n';
import { forNotification } from '../../core/text/sinks';
import type { UserInterface } from '../../core/ui';

/**
 * The question asked when an environment's base URL moved to another origin: a warning with
 * "Send Key to <host>" (the key is bound to the new origin) or "Not Now" (it is not asked again
 * until the settings or the key change; the environment shows "key needs confirmation").
 */
export function keyOriginPrompt(ui: Pick<UserInterface, 'warn'>): ConfirmKeyOrigin {
  return async ({ environment, boundOrigin, newOrigin }) => {
    const send = l10n.t('Send Key to {0}', new URL(newOrigin).host);
    const message =
      environment === undefined
        ? l10n.t('The Sequentum base URL now points to {0}, but the API key was set for {1}. Send the key to {0}?', newOrigin, boundOrigin)
        : l10n.t('The base URL of the Sequentum environment "{0}" now points to {1}, but its API key was set for {2}. Send the key to {1}?', environment, newOrigin, boundOrigin);
    return (await ui.warn(forNotification(message), send, l10n.t('Not Now'))) === send;
  };
}
