import { resolveApiEndpoint } from '../api/baseUrl';

/**
 * Dashboard links for agents and runs.
 *
 * The dashboard's page URLs are NOT documented (shared/docs/sequentum-api.md lists only the API);
 * the shapes below are a guess from the API's own resource paths. When the real shape is known,
 * change it here only — every "Open in dashboard" goes through this function.
 */
export function dashboardUrl(baseUrl: string, target: { agentId: number; runId?: number }): string {
  // Reuses the API's base-URL validation: the same origin the key goes to, https (or loopback http).
  const { origin } = resolveApiEndpoint(baseUrl);
  const agent = `${origin}/agents/${encodeURIComponent(String(target.agentId))}`;
  return target.runId === undefined ? agent : `${agent}/runs/${encodeURIComponent(String(target.runId))}`;
}
