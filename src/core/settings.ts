/** The extension's settings as plain values (read by the platform adapter, used by core code). */
export interface SequentumSettings {
  /** Dashboard origin, e.g. "https://dashboard.sequentum.com" (no /api/v1). */
  baseUrl: string;
  rateLimit: {
    /** Requests per window for one key; server headers win. Default 100. */
    requests: number;
    /** Window length in seconds; server headers win. Default 60. */
    windowSeconds: number;
  };
  polling: {
    /** Base poll interval in seconds. Default 10. */
    intervalSeconds: number;
    /** Most of the budget background work may use, 0–1. Default 0.2. */
    backgroundShare: number;
  };
  notifications: {
    runFinished: 'all' | 'failures' | 'off';
  };
}

export const DEFAULT_SETTINGS: SequentumSettings = {
  baseUrl: 'https://dashboard.sequentum.com',
  rateLimit: { requests: 100, windowSeconds: 60 },
  polling: { intervalSeconds: 10, backgroundShare: 0.2 },
  notifications: { runFinished: 'all' },
};
