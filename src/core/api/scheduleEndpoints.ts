import type { Schedule, ScheduleInput, UpcomingFire } from './scheduleModel';
import { parseSchedule, parseScheduleActionAnswer, parseSchedules, parseUpcoming, scheduleBody } from './scheduleWire';
import type { RequestOptions } from './sequentumApi';
import { drain, MAX_JSON_BYTES, type RequestPipeline } from './requestPipeline';
import { readCapped } from './transport';

/**
 * S1–S8 (§10) over the request pipeline. Every write goes through the lane its caller names (the
 * commands use the default, 'user'). Retries: PUT (update) and DELETE are repeated by the pipeline
 * like GETs (IDEMPOTENT_METHODS); POST create, enable and disable are sent exactly once — a lost
 * answer becomes AmbiguousRequestError and the caller reads the schedule (S3) instead of repeating.
 */
export class ScheduleEndpoints {
  constructor(private readonly pipeline: RequestPipeline, private readonly id: (value: number) => string) {}

  list(agentId: number, options?: RequestOptions): Promise<Schedule[]> {
    return this.pipeline.getJson(`/agent/${this.id(agentId)}/schedules`, (json, where) => parseSchedules(json, where, agentId), options);
  }

  get(agentId: number, scheduleId: number, options?: RequestOptions): Promise<Schedule> {
    return this.pipeline.getJson(this.path(agentId, scheduleId), (json, where) => parseSchedule(json, where, agentId), options);
  }

  create(agentId: number, input: ScheduleInput, options?: RequestOptions): Promise<Schedule> {
    const path = `/agent/${this.id(agentId)}/schedules`;
    return this.pipeline.execute('POST', path, options, JSON.stringify(scheduleBody(input)), this.pipeline.jsonConsumer(path, (json, where) => parseSchedule(json, where, agentId)));
  }

  /** Sends the whole input (PUT semantics are undocumented, §14: "send full object on PUT to be safe"). */
  update(agentId: number, scheduleId: number, input: ScheduleInput, options?: RequestOptions): Promise<Schedule> {
    const path = this.path(agentId, scheduleId);
    return this.pipeline.execute('PUT', path, options, JSON.stringify(scheduleBody(input)), this.pipeline.jsonConsumer(path, (json, where) => parseSchedule(json, where, agentId)));
  }

  async delete(agentId: number, scheduleId: number, options?: RequestOptions): Promise<void> {
    await this.pipeline.execute('DELETE', this.path(agentId, scheduleId), options, undefined, drain);
  }

  /** The schedule when the server answers with it; undefined when it answers with nothing or a message. */
  setEnabled(agentId: number, scheduleId: number, enabled: boolean, options?: RequestOptions): Promise<Schedule | undefined> {
    const path = `${this.path(agentId, scheduleId)}/${enabled ? 'enable' : 'disable'}`;
    const where = path.replace(/^\//, '');
    return this.pipeline.execute('POST', path, options, '{}', async (response) => {
      const body = await readCapped(response, MAX_JSON_BYTES);
      return parseScheduleActionAnswer(new TextDecoder().decode(body.bytes), where, agentId);
    });
  }

  /** S8: next fires of all agents' schedules between two instants (ISO). */
  upcoming(range: { startDate: string; endDate: string }, options?: RequestOptions): Promise<UpcomingFire[]> {
    const query = new URLSearchParams(range).toString();
    return this.pipeline.getJson(`/analytics/schedules/upcoming?${query}`, parseUpcoming, options);
  }

  private path(agentId: number, scheduleId: number): string {
    return `/agent/${this.id(agentId)}/schedules/${this.id(scheduleId)}`;
  }
}
