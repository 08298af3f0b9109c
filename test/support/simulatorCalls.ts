import { startSimulator, type Simulator } from '../../simulator/index';

/**
 * A loose, typed view of any JSON answer: the fields the tests read, plus array access, so tests stay
 * free of `any` (a wrong guess only fails the assertion that reads it).
 */
export interface Body {
  [key: string]: unknown;
  id: number;
  Id: number;
  name: string;
  status: number;
  type: string;
  detail: string;
  instance: string;
  created: string;
  endTime: string | null;
  tableType: string;
  dataCount: number;
  configId: number;
  spaceId: number | null;
  fileSize: number;
  fileType: number;
  runId: number;
  errorMessage: string;
  statusCode: number;
  statusDescription: string;
  statusName: string;
  configType: number;
  validationStatus: number;
  totalRecordCount: number;
  TotalRecordCount: number;
  agents: Json;
  items: Json;
  Items: Json;
  inputParameters: Record<string, string>;
  InputParameters: Record<string, string>;
  possibleCauses: string[];
  suggestedActions: string[];
  errors: Record<string, string[]> & Array<{ pointer: string; detail: string }>;
  requestsPerKey: Record<string, number>;
  faultsInjected: Record<string, number>;
}
export type Json = Body & Body[];

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined at run time when not JSON). */
  json: Json;
}

/** One real HTTP request to the simulator (API key by default; `key: null` sends none). */
export async function call(sim: Simulator, path: string, init: RequestInit & { key?: string | null } = {}): Promise<Answer> {
  const { key, ...rest } = init;
  const headers = new Headers(rest.headers);
  const k = key === undefined ? sim.apiKey : key;
  if (k !== null) headers.set('Authorization', `ApiKey ${k}`);
  if (rest.body !== undefined) headers.set('Content-Type', 'application/json');
  const res = await fetch(`${sim.baseUrl}${path}`, { redirect: 'manual', ...rest, headers });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as Json };
}

export const post = (sim: Simulator, path: string, body: unknown = {}, key?: string | null): Promise<Answer> =>
  call(sim, path, { method: 'POST', body: JSON.stringify(body), key });

/**
 * One simulator per suite on a fast clock (runs last ~120 ms), reset before every test.
 * `assign` hands the started simulator to the suite's own variable.
 */
export function useFastSimulator(assign: (sim: Simulator) => void): void {
  let sim: Simulator | undefined;
  suiteSetup(async () => {
    sim = await startSimulator({ timeScale: 1000 });
    assign(sim);
  });
  suiteTeardown(() => sim?.close());
  setup(() => sim?.control.reset());
}
