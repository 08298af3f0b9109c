import * as vscode from 'vscode';
import { SettingsReader, type SequentumSettings } from '../core/settings';
import { l10n } from '../core/text/l10n';
import { forNotification } from '../core/text/sinks';
import { vscodeUserInterface } from './vscodeUserInterface';

/** Raw `sequentum.environments` (validated by parseEnvironments in core). */
export function readEnvironmentsSetting(): unknown {
  return vscode.workspace.getConfiguration('sequentum').get<unknown>('environments');
}

// One reader for the extension host: it remembers which bad values it has warned about already.
const reader = new SettingsReader((key, value, fallback) => {
  // The value comes from a settings.json anyone may have written (an untrusted workspace): shown
  // shortened and through the notification sink, never as markup.
  const shown = (JSON.stringify(value) ?? String(value)).slice(0, 80);
  void vscodeUserInterface.warn(
    forNotification(l10n.t('Setting sequentum.{0} has an invalid value ({1}); using {2}.', key, shown, String(fallback))),
  );
});

/** Reads the `sequentum.*` settings into the plain core shape, type-checked (bad value → default + one warning). */
export function readSettings(): SequentumSettings {
  const config = vscode.workspace.getConfiguration('sequentum');
  return reader.read((key) => config.get<unknown>(key));
}
