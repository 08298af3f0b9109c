import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { forLogArgument } from '../core/text/sinks';

/**
 * The "Sequentum" log output channel behind the core Logger port. Every argument after the message
 * (an error, a server string) goes through the log sink here, so a server's words inside an error
 * cannot break a line; the message itself is ours, with server text put in through `forLog`.
 */
export function createLogger(channel: vscode.LogOutputChannel): Logger {
  const safe = (args: unknown[]): unknown[] => args.map(forLogArgument);
  return {
    trace: (message, ...args) => channel.trace(message, ...safe(args)),
    debug: (message, ...args) => channel.debug(message, ...safe(args)),
    info: (message, ...args) => channel.info(message, ...safe(args)),
    warn: (message, ...args) => channel.warn(message, ...safe(args)),
    // An Error as the message is logged with its stack by VS Code: its server text goes through the sink too.
    error: (message, ...args) => channel.error(typeof message === 'string' ? message : (forLogArgument(message) as Error), ...safe(args)),
  };
}
