import type { AgentVersion, RemoveMethod, RunAllResult } from './runActionModel';
import { parseRunAllResult, parseVersions } from './runActionWire';
import { drain, type RequestPipeline } from './requestPipeline';
import type { RequestOptions } from './sequentumApi';

/**
 * R7 delete run, P5 run-all, V1 versions, V2 restore over the request pipeline. DELETE is
 * repeated like a GET (a 404 after a lost answer means it is gone); the two POSTs are sent exactly
 * once — a lost answer becomes AmbiguousRequestError, never a second run-all or a second restore.
 */
export class RunActionEndpoints {
  constructor(private readonly pipeline: RequestPipeline, private readonly id: (value: number) => string) {}

  async deleteRun(agentId: number, runId: number, removeMethod: RemoveMethod = 'RemoveEntireRun', options?: RequestOptions): Promise<void> {
    const path = `/agent/${this.id(agentId)}/run/${this.id(runId)}?removeMethod=${removeMethod}`;
    await this.pipeline.execute('DELETE', path, options, undefined, drain);
  }

  runAllInSpace(spaceId: number, inputParameters?: Record<string, unknown>, options?: RequestOptions): Promise<RunAllResult> {
    const path = `/spaces/${this.id(spaceId)}/run-all`;
    // P5 takes the parameters as JSON text, like R1 (§11).
    const body = inputParameters === undefined ? {} : { inputParameters: JSON.stringify(inputParameters) };
    return this.pipeline.execute('POST', path, options, JSON.stringify(body), this.pipeline.jsonConsumer(path, parseRunAllResult));
  }

  listVersions(agentId: number, options?: RequestOptions): Promise<AgentVersion[]> {
    return this.pipeline.getJson(`/agent/${this.id(agentId)}/versions`, parseVersions, options);
  }

  async restoreVersion(agentId: number, version: number, comment: string, options?: RequestOptions): Promise<void> {
    const path = `/agent/${this.id(agentId)}/version/${this.id(version)}/restore`;
    await this.pipeline.execute('POST', path, options, JSON.stringify({ content: comment }), drain);
  }
}
