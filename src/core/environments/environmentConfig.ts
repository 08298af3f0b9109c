import { resolveApiEndpoint } from '../api/baseUrl';
import { DEFAULT_ENVIRONMENT_ID } from './defaultEnvironment';
import type { Environment } from './environmentSource';

/** The configured extra environments, and what was wrong with the entries left out. */
export interface ParsedEnvironments {
  environments: Environment[];
  /** Plain-words problems, one per skipped entry (logged; never contain a key). */
  problems: string[];
  /**
   * Ids of every entry that has a name, usable or not; undefined when the setting is not a list
   * at all. An environment whose id is missing here was removed by the person (its key is
   * deleted), not merely mistyped while being edited (its key is kept).
   */
  namedIds?: ReadonlySet<string>;
}

/**
 * Reads `sequentum.environments` (extra base URL + key pairs besides the default environment).
 * Entries need a unique, non-empty name and a base URL that is https:// (http:// for loopback
 * only), as for `sequentum.baseUrl`; others are skipped with a problem. The id (used for node ids
 * and the key's SecretStorage entry) derives from the name, so renaming an environment asks for
 * its key again — moving its base URL does not.
 */
export function parseEnvironments(value: unknown): ParsedEnvironments {
  const environments: Environment[] = [];
  const problems: string[] = [];
  const namedIds = new Set<string>();
  if (value === undefined || value === null) return { environments, problems, namedIds };
  if (!Array.isArray(value)) return { environments, problems: ['sequentum.environments must be a list of {name, baseUrl}.'] };
  const seen = new Set<string>([DEFAULT_ENVIRONMENT_ID]);
  value.forEach((entry: unknown, index) => {
    const where = `sequentum.environments[${index}]`;
    const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const name = typeof record.name === 'string' ? record.name.trim() : '';
    const baseUrl = typeof record.baseUrl === 'string' ? record.baseUrl.trim() : '';
    if (name) namedIds.add(environmentId(name));
    if (!name || !baseUrl) return void problems.push(`${where} needs a name and a baseUrl.`);
    const id = environmentId(name);
    if (seen.has(id)) return void problems.push(`${where}: the name "${name}" is used twice (or is reserved).`);
    try {
      resolveApiEndpoint(baseUrl);
    } catch (error) {
      return void problems.push(`${where}: ${error instanceof Error ? error.message : 'invalid base URL'}`);
    }
    seen.add(id);
    environments.push({ id, name, baseUrl });
  });
  return { environments, problems, namedIds };
}

/** "Self-hosted EU" → "env-self-hosted-eu": stable, readable, safe in node ids and secret names. */
export function environmentId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `env-${slug || 'unnamed'}`;
}
