/**
 * contextValue tokens of the `sequentum.agents` tree. A node's contextValue is a space-separated
 * list of these; package.json menus match them with `\b` regexes (`viewItem =~ /\brun\b/`), so a
 * token must never be a word inside another token's name.
 */
export const ContextToken = {
  environment: 'environment',
  space: 'space',
  agent: 'agent',
  /** An agent that can be started (inline Start). */
  startable: 'startable',
  /** A schedule row (Delete). */
  schedule: 'schedule',
  /** A schedule that is enabled (Disable) / paused (Enable); neither while a change is on its way. */
  canDisable: 'canDisable',
  canEnable: 'canEnable',
  run: 'run',
  /** Run in flight: Stop / Kill. */
  inflight: 'inflight',
  /** Run that has ended (not in flight): Run Again, Delete Run. */
  ended: 'ended',
  /** A space with an id (not "Personal"): Run All Agents in Space. */
  runnableSpace: 'runnableSpace',
  /** Run ended in failure: "Why did it fail?". */
  failed: 'failed',
  /** A successful run far outside its agent's usual range (run health): Show Run Diagnostics. */
  unusual: 'unusual',
  file: 'file',
  /** The Versions row under an agent; one version; a version that is not the current one (Restore Version). */
  versions: 'versions',
  version: 'version',
  restorable: 'restorable',
  /** An agent on the watch list (Unwatch) / not on it (Watch). */
  watched: 'watched',
  watchable: 'watchable',
  /** A run row of the Recent Runs view; a fire row of the Upcoming view. */
  recentRun: 'recentRun',
  upcomingFire: 'upcomingFire',
  /** Agent or run that has a dashboard page. */
  dashboard: 'dashboard',
  error: 'error',
  retry: 'retry',
  showLog: 'showLog',
  setApiKey: 'setApiKey',
  openSettings: 'openSettings',
  loadMore: 'loadMore',
  message: 'message',
  stale: 'stale',
} as const;

export type ContextTokenName = (typeof ContextToken)[keyof typeof ContextToken];

/** Joins tokens into a contextValue, dropping falsy entries and duplicates. */
export function contextValue(...tokens: (ContextTokenName | false | undefined)[]): string {
  return [...new Set(tokens.filter((token): token is ContextTokenName => Boolean(token)))].join(' ');
}

/** True when `value` contains `token` as a whole word (what the menu regexes test). */
export function hasToken(value: string | undefined, token: ContextTokenName): boolean {
  return value !== undefined && value.split(' ').includes(token);
}
