import type { Agent } from '../api/model';
import type { RunConfigDocument, RunConfigEntry } from '../runConfig/runConfigDocument';
import { entryAgentId } from '../runConfig/runConfigOptions';
import type { DiagnosticDescription } from './diagnosticDescription';
import { l10n } from '../text/l10n';

/** Agents by id, as the shared agent cache serves them. */
export type AgentIndex = ReadonlyMap<number, Agent>;

/** The server's own wording for an unknown agent, so the edit-time error reads like the refusal. */
export function agentNotFoundMessage(agentId: number): string {
  return l10n.t('Agent {0} was not found', agentId);
}

const AGENT_NOT_FOUND_CODE = { value: 'agent-not-found' };

/**
 * Checks a run-config file against the agent list, without any request: an unknown `agentId` →
 * error on the value; an input parameter the agent does not declare → warning on its key; a
 * declared parameter with neither a value here nor a default → information.
 */
export function editTimeDiagnostics(doc: RunConfigDocument, agents: AgentIndex): DiagnosticDescription[] {
  return doc.entries.flatMap((entry) => checkEntry(entry, agents));
}

function checkEntry(entry: RunConfigEntry, agents: AgentIndex): DiagnosticDescription[] {
  const agentId = entryAgentId(entry);
  if (agentId === undefined || !entry.agentId) return [];
  const agent = agents.get(agentId);
  if (!agent) {
    return [
      {
        range: entry.agentId.valueRange,
        message: agentNotFoundMessage(agentId),
        severity: 'error',
        code: AGENT_NOT_FOUND_CODE,
        origin: 'edit',
        entryIndex: entry.index,
        quickFix: { fix: 'pick-agent', entryIndex: entry.index },
      },
    ];
  }
  const result: DiagnosticDescription[] = [];
  const declared = new Map(Object.entries(agent.inputParameters).map(([k, v]) => [k.toLowerCase(), { key: k, value: v }]));
  const given = new Set<string>();
  for (const param of entry.parameters) {
    given.add(param.key.toLowerCase());
    if (!declared.has(param.key.toLowerCase())) {
      result.push({
        range: param.keyRange,
        message: l10n.t('Agent "{0}" does not declare the input parameter "{1}"', agent.name, param.key),
        severity: 'warning',
        code: { value: 'unknown-input-parameter' },
        origin: 'edit',
        entryIndex: entry.index,
        quickFix: { fix: 'remove-parameter', entryIndex: entry.index, key: param.key },
      });
    } else if (param.value === null || param.value === '') {
      const declaredDefault = declared.get(param.key.toLowerCase())?.value;
      if (!declaredDefault) {
        result.push(missingValue(param.valueRange, agent, param.key, entry.index));
      }
    }
  }
  for (const { key, value } of declared.values()) {
    if (given.has(key.toLowerCase()) || (value !== undefined && value !== null && value !== '')) continue;
    const anchor = entry.inputParameters?.keyRange ?? entry.agentId.valueRange;
    result.push(missingValue(anchor, agent, key, entry.index));
  }
  return result;
}

function missingValue(range: DiagnosticDescription['range'], agent: Agent, key: string, entryIndex: number): DiagnosticDescription {
  return {
    range,
    message: l10n.t('Input parameter "{0}" of agent "{1}" has no value here and no default', key, agent.name),
    severity: 'information',
    code: { value: 'input-parameter-without-value' },
    origin: 'edit',
    entryIndex,
  };
}

/** One `/api/v1/agent/{id}` mention in any text; `range` covers the id digits. */
export interface AgentReference {
  agentId: number;
  range: { start: number; end: number };
}

/** Finds API paths that name an agent, e.g. in scripts and pipelines: `/api/v1/agent/4711/start`. */
export function findAgentReferences(text: string, limit = 500): AgentReference[] {
  const result: AgentReference[] = [];
  const pattern = /\/api\/v1\/agents?\/(\d{1,12})(?![\w-])/gi;
  for (const match of text.matchAll(pattern)) {
    const digits = match[1];
    const start = match.index + match[0].length - digits.length;
    result.push({ agentId: Number(digits), range: { start, end: start + digits.length } });
    if (result.length >= limit) break;
  }
  return result;
}

/** Warnings for references to agents the list does not have. */
export function agentReferenceDiagnostics(text: string, agents: AgentIndex): DiagnosticDescription[] {
  return findAgentReferences(text)
    .filter((ref) => !agents.has(ref.agentId))
    .map((ref) => ({
      range: ref.range,
      message: agentNotFoundMessage(ref.agentId),
      severity: 'warning' as const,
      code: AGENT_NOT_FOUND_CODE,
      origin: 'reference' as const,
    }));
}
