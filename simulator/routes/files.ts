import type { SimContext } from '../context';
import { notFound } from '../errors';
import { sendEmpty, sendJson, type RouteDef } from '../http';
import { runOr404 } from './runs';

/** F1 files list, F2 download → 302 to a signed, expiring URL on the file-store origin. */
export function fileRoutes(sim: SimContext): RouteDef[] {
  const base = '/api/v1/agent/{agentId}/run/{runId}';
  return [
    {
      method: 'GET', template: `${base}/files`, handler: (ctx) => {
        const found = runOr404(sim, ctx);
        if (!found) return;
        sim.store.stateOf(found.run);
        sendJson(ctx, 200, sim.store.filesOf(found.run.id).map((f) => sim.wire.file(f)));
      },
    },
    {
      method: 'GET', template: `${base}/file/{fileId}/download`, handler: (ctx) => {
        const found = runOr404(sim, ctx);
        if (!found) return;
        const id = ctx.params.fileId ?? '';
        const file = sim.store.files.get(Number(id));
        if (!file || file.runId !== found.run.id) return sim.problem(ctx, notFound('file', id));
        sendEmpty(ctx, 302, { Location: sim.fileStore.signedUrl(file), 'Cache-Control': 'no-store' });
      },
    },
  ];
}
