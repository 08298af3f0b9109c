import { l10n } from '../text/l10n';
import { ConfigurationError } from './errors';

/** A validated dashboard address: the origin the API key may go to and the API root under it. */
export interface ApiEndpoint {
  /** "https://dashboard.sequentum.com" — the only origin that ever receives the API key. */
  origin: string;
  /** "https://dashboard.sequentum.com/api/v1" (no trailing slash). */
  apiRoot: string;
}

const SETTING = 'sequentum.baseUrl';

/** True for hosts that never leave the machine, where plain http:// cannot leak the key. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Validates `sequentum.baseUrl` and derives the API root. Accepts a trailing slash or an
 * already appended `/api/v1` (common copy-paste from the docs). Refuses plain http:// except
 * for loopback, because the key would travel in clear text.
 */
export function resolveApiEndpoint(baseUrl: string): ApiEndpoint {
  const trimmed = baseUrl.trim();
  if (!trimmed) throw new ConfigurationError(l10n.t('The Sequentum base URL is empty.'), SETTING);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigurationError(l10n.t('The Sequentum base URL "{0}" is not a valid URL.', trimmed), SETTING);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(l10n.t('The Sequentum base URL must start with https:// (got {0}//).', url.protocol), SETTING);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigurationError(
      l10n.t('Refusing plain http:// for {0}: the API key would be sent unencrypted. Use https:// (http:// is allowed for localhost only).', url.hostname),
      SETTING,
    );
  }
  if (url.username || url.password) {
    throw new ConfigurationError(l10n.t('The Sequentum base URL must not contain a user name or password.'), SETTING);
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(l10n.t('The Sequentum base URL must not contain a query or fragment.'), SETTING);
  }
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/api\/v1$/i, '');
  return { origin: url.origin, apiRoot: `${url.origin}${path}/api/v1` };
}

/** Host part of a base URL for messages and environment names ("dashboard.sequentum.com"); the input when unparsable. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
