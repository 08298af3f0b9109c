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
  /** Runs nobody started here: whose failures are announced (`sequentum.watch.notify`). Default 'watched'. */
  watch: { notify: 'watched' | 'allFailures' | 'off' };
  /** How far ahead the Upcoming view looks, days (`sequentum.upcoming.days`): 1 or 7. Default 1. */
  upcoming: { days: 1 | 7 };
}

export const DEFAULT_SETTINGS: SequentumSettings = {
  baseUrl: 'https://dashboard.sequentum.com',
  rateLimit: { requests: 100, windowSeconds: 60 },
  polling: { intervalSeconds: 10, backgroundShare: 0.2 },
  notifications: { runFinished: 'all' },
  watch: { notify: 'watched' },
  upcoming: { days: 1 },
};

/**
 * Ranges every numeric setting must fall in (the manifest's minimum/maximum say the same; this is
 * the run-time check, because a workspace's settings.json is not validated by VS Code).
 */
export const SETTING_RANGES = {
  'rateLimit.requests': { min: 1, max: 100_000, integer: true },
  'rateLimit.windowSeconds': { min: 1, max: 86_400, integer: true },
  'polling.intervalSeconds': { min: 1, max: 3_600, integer: true },
  'polling.backgroundShare': { min: 0, max: 1, integer: false },
} as const;

type NumericSetting = keyof typeof SETTING_RANGES;

/** Reads one raw `sequentum.<key>` value (undefined when unset). */
export type RawSettingReader = (key: string) => unknown;

/**
 * Turns raw setting values into {@link SequentumSettings}, type-checking each: a value of the
 * wrong type or out of range (a workspace can write anything into settings.json) becomes the
 * default, and `warn` is called once per setting and bad value — not on every read.
 */
export class SettingsReader {
  private readonly warned = new Set<string>();

  constructor(private readonly warn: (key: string, value: unknown, fallback: unknown) => void) {}

  read(get: RawSettingReader): SequentumSettings {
    const runFinished = this.pick(get, 'notifications.runFinished', DEFAULT_SETTINGS.notifications.runFinished, (v) =>
      v === 'all' || v === 'failures' || v === 'off' ? v : undefined,
    );
    return {
      baseUrl: this.pick(get, 'baseUrl', DEFAULT_SETTINGS.baseUrl, (v) => (typeof v === 'string' ? v : undefined)),
      rateLimit: {
        requests: this.number(get, 'rateLimit.requests', DEFAULT_SETTINGS.rateLimit.requests),
        windowSeconds: this.number(get, 'rateLimit.windowSeconds', DEFAULT_SETTINGS.rateLimit.windowSeconds),
      },
      polling: {
        intervalSeconds: this.number(get, 'polling.intervalSeconds', DEFAULT_SETTINGS.polling.intervalSeconds),
        backgroundShare: this.number(get, 'polling.backgroundShare', DEFAULT_SETTINGS.polling.backgroundShare),
      },
      notifications: { runFinished },
      watch: { notify: this.pick(get, 'watch.notify', DEFAULT_SETTINGS.watch.notify, (v) => (v === 'watched' || v === 'allFailures' || v === 'off' ? v : undefined)) },
      upcoming: { days: this.pick(get, 'upcoming.days', DEFAULT_SETTINGS.upcoming.days, (v) => (v === 1 || v === 7 ? v : undefined)) },
    };
  }

  private number(get: RawSettingReader, key: NumericSetting, fallback: number): number {
    const { min, max, integer } = SETTING_RANGES[key];
    return this.pick(get, key, fallback, (v) =>
      typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v)) ? v : undefined,
    );
  }

  private pick<T>(get: RawSettingReader, key: string, fallback: T, check: (value: unknown) => T | undefined): T {
    const value = get(key);
    if (value === undefined) return fallback;
    const checked = check(value);
    if (checked !== undefined) return checked;
    const id = `${key}\n${safeStringify(value)}`;
    if (!this.warned.has(id)) {
      this.warned.add(id);
      this.warn(key, value, fallback);
    }
    return fallback;
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
