import { STATUS_CODES } from 'node:http';
import { routeMatches, writeResponse, type Ctx } from './http';

/** Body shapes the real API (or its gateway) produces for errors. */
export type ErrorShape = 'rfc7807' | 'legacy' | 'text' | 'html' | 'html502' | 'empty';
/** Validation-error flavour inside problem+json: ASP.NET `errors` map or RFC 9457 `errors` list. */
export type ValidationStyle = 'aspnet' | 'rfc9457';

export const ERROR_BASE = 'https://docs.sequentum.com/errors/';

export interface FieldError {
  /** As ASP.NET names it: "InputParameters.url". */
  field: string;
  /** JSON pointer into the request body: "/inputParameters/url". */
  pointer: string;
  detail: string;
}

export interface ProblemInput {
  status: number;
  /** Slug under https://docs.sequentum.com/errors/ ("agent-not-found") or a full URI. */
  type: string;
  title: string;
  detail?: string;
  errorCode?: string;
  headers?: Record<string, string>;
  fieldErrors?: FieldError[];
}

/** Per-route error-shape settings, changed through the control API. */
export class ErrorShapes {
  defaultShape: ErrorShape = 'rfc7807';
  validationStyle: ValidationStyle = 'aspnet';
  private readonly perRoute: Array<{ route: string; shape: ErrorShape }> = [];

  set(shape: ErrorShape, route?: string): void {
    if (!route || route === '*') {
      this.defaultShape = shape;
      this.perRoute.length = 0;
      return;
    }
    this.perRoute.unshift({ route, shape });
  }

  reset(): void {
    this.defaultShape = 'rfc7807';
    this.validationStyle = 'aspnet';
    this.perRoute.length = 0;
  }

  shapeFor(ctx: Ctx): ErrorShape {
    return this.perRoute.find((r) => routeMatches(r.route, ctx.method, ctx.route, ctx.path))?.shape ?? this.defaultShape;
  }
}

function htmlPage(status: number): string {
  const text = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html>\n<head><title>${text}</title></head>\n<body>\n<center><h1>${text}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}

/** Writes an error in the route's configured shape. */
export function sendProblem(ctx: Ctx, shapes: ErrorShapes, p: ProblemInput, shapeOverride?: ErrorShape): void {
  const shape = shapeOverride ?? shapes.shapeFor(ctx);
  const headers = { ...(p.headers ?? {}) };
  const type = p.type.startsWith('http') || p.type === 'about:blank' ? p.type : ERROR_BASE + p.type;
  const detail = p.detail ?? p.title;
  switch (shape) {
    case 'rfc7807': {
      let body: Record<string, unknown> = { type, title: p.title, status: p.status, detail: p.detail, instance: ctx.path };
      if (p.errorCode) body.errorCode = p.errorCode;
      if (p.fieldErrors) {
        if (shapes.validationStyle === 'aspnet') {
          const errors: Record<string, string[]> = {};
          for (const e of p.fieldErrors) (errors[e.field] ??= []).push(e.detail);
          body = { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: p.status, errors, traceId: `00-${ctx.path.length.toString(16).padStart(32, '0')}-0000000000000001-00` };
        } else {
          body.errors = p.fieldErrors.map((e) => ({ detail: e.detail, pointer: `#${e.pointer}` }));
        }
      }
      writeResponse(ctx, p.status, { ...headers, 'Content-Type': 'application/problem+json; charset=utf-8' }, Buffer.from(JSON.stringify(body)));
      return;
    }
    case 'legacy': {
      const message = p.fieldErrors ? `${detail} ${p.fieldErrors.map((e) => `${e.field}: ${e.detail}`).join(' ')}` : detail;
      const body: Record<string, unknown> = { statusCode: p.status, statusDescription: STATUS_CODES[p.status] ?? 'Error', message, severity: p.status >= 500 ? 'Error' : 'Warning' };
      if (p.errorCode) body.errorCode = p.errorCode;
      writeResponse(ctx, p.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }, Buffer.from(JSON.stringify(body)));
      return;
    }
    case 'text':
      writeResponse(ctx, p.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from(detail));
      return;
    case 'html':
    case 'html502': {
      // html502 = what a gateway in front of the API sends: the app's answer replaced by a 502 page.
      const status = shape === 'html502' ? 502 : p.status;
      writeResponse(ctx, status, { ...headers, 'Content-Type': 'text/html' }, Buffer.from(htmlPage(status)));
      return;
    }
    case 'empty':
      writeResponse(ctx, p.status, headers, Buffer.alloc(0));
  }
}

export const notFound = (what: 'agent' | 'run' | 'file' | 'space' | 'version', id: string): ProblemInput => ({
  status: 404, type: `${what}-not-found`, title: `${what.charAt(0).toUpperCase()}${what.slice(1)} not found`,
  detail: `No ${what} with id ${id} exists or it is not accessible with this API key.`,
});
