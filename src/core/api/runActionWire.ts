import type { AgentVersion, RunAllAgentResult, RunAllResult } from './runActionModel';
import { normaliseServerTime } from './serverTime';
import { asList, asObject, type WireObject } from './wireValues';

/** Tolerant readers for P5 (run-all) and V1 (versions); camelCase and PascalCase alike. */

function toAgentResult(o: WireObject): RunAllAgentResult {
  const result: RunAllAgentResult = { agentId: o.requiredInt('agentId', 'configId', 'id'), success: o.optionalBoolean('success', 'isSuccess', 'started') ?? o.optionalInt('runId') !== undefined };
  const name = o.optionalString('agentName', 'configName', 'name');
  if (name !== undefined) result.agentName = name;
  const runId = o.optionalInt('runId');
  if (runId !== undefined) result.runId = runId;
  const message = o.optionalString('errorMessage', 'message', 'error');
  if (message !== undefined) result.errorMessage = message;
  return result;
}

/**
 * P5 answer. The counts are taken from the server when it sends them, else counted from `results`
 * (they must agree with what is shown per agent, so the lines win when both exist but differ).
 */
export function parseRunAllResult(value: unknown, where: string): RunAllResult {
  const o = asObject(value, where);
  const list = o.get('results');
  const results = list === undefined ? [] : asList(list, `${where} results`, ['results', 'items']).items.map((item, index) => toAgentResult(asObject(item, `${where} result ${index}`)));
  const started = results.filter((r) => r.success).length;
  const result: RunAllResult = {
    totalAgents: results.length > 0 ? results.length : (o.optionalInt('totalAgents') ?? 0),
    agentsStarted: results.length > 0 ? started : (o.optionalInt('agentsStarted') ?? 0),
    agentsFailed: results.length > 0 ? results.length - started : (o.optionalInt('agentsFailed') ?? 0),
    results,
  };
  const spaceId = o.optionalInt('spaceId');
  if (spaceId !== undefined) result.spaceId = spaceId;
  const spaceName = o.optionalString('spaceName');
  if (spaceName !== undefined) result.spaceName = spaceName;
  return result;
}

function toVersion(o: WireObject): AgentVersion {
  const version: AgentVersion = { version: o.requiredInt('version', 'versionNumber') };
  const userName = o.optionalString('userName', 'author', 'createdBy');
  if (userName !== undefined) version.userName = userName;
  const created = o.optionalString('created', 'createdAt');
  if (created !== undefined) version.created = normaliseServerTime(created);
  const comments = o.optionalString('comments', 'comment', 'content');
  if (comments !== undefined) version.comments = comments;
  const fileSize = o.optionalNumber('fileSize');
  if (fileSize !== undefined) version.fileSize = fileSize;
  return version;
}

/** V1: versions, newest first whatever order the server used. */
export function parseVersions(value: unknown, where: string): AgentVersion[] {
  return asList(value, where, ['versions', 'items'])
    .items.map((item, index) => toVersion(asObject(item, `${where} item ${index}`)))
    .sort((a, b) => b.version - a.version);
}
