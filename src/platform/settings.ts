import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type SequentumSettings } from '../core/settings';

/** Raw `sequentum.environments` (validated by parseEnvironments in core). */
export function readEnvironmentsSetting(): unknown {
  return vscode.workspace.getConfiguration('sequentum').get<unknown>('environments');
}

/** Reads the `sequentum.*` settings into the plain core shape. */
export function readSettings(): SequentumSettings {
  const config = vscode.workspace.getConfiguration('sequentum');
  const runFinished = config.get<string>('notifications.runFinished', DEFAULT_SETTINGS.notifications.runFinished);
  return {
    baseUrl: config.get<string>('baseUrl', DEFAULT_SETTINGS.baseUrl),
    rateLimit: {
      requests: config.get<number>('rateLimit.requests', DEFAULT_SETTINGS.rateLimit.requests),
      windowSeconds: config.get<number>('rateLimit.windowSeconds', DEFAULT_SETTINGS.rateLimit.windowSeconds),
    },
    polling: {
      intervalSeconds: config.get<number>('polling.intervalSeconds', DEFAULT_SETTINGS.polling.intervalSeconds),
      backgroundShare: config.get<number>('polling.backgroundShare', DEFAULT_SETTINGS.polling.backgroundShare),
    },
    notifications: {
      runFinished: runFinished === 'failures' || runFinished === 'off' ? runFinished : 'all',
    },
  };
}
