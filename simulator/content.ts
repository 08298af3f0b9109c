import { deflateSync } from 'node:zlib';
import { createPrng, hashSeed, type Prng } from './prng';
import type { FileKind, SimAgent, SimDiagnostics } from './types';

/** Realistic, deterministic output-file content: the same (agent, run, file) always gives the same bytes. */

const PRODUCTS = ['Espresso Machine', 'Trail Running Shoes', 'Noise-Cancelling Headphones', 'Standing Desk', 'Cast Iron Skillet',
  'Mechanical Keyboard', 'Wool Blanket', 'Smart Thermostat', 'Air Purifier', 'Carbon Road Bike', 'Yoga Mat', 'Chef Knife'];
const CITIES = ['Austin', 'Berlin', 'Toronto', 'Lisbon', 'Melbourne', 'Denver', 'Oslo', 'Singapore'];

interface RecordRow { id: number; title: string; price: string; currency: string; location: string; url: string; scrapedAt: string }

function records(agent: SimAgent, runId: number, count: number, at: string): RecordRow[] {
  const rnd = createPrng(hashSeed(`records ${agent.id} ${runId}`));
  const base = (agent.inputParameters.url ?? agent.startUrl ?? 'https://shop.example.com').replace(/\/$/, '');
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    title: `${rnd.pick(PRODUCTS)} ${rnd.int(100, 999)}`,
    price: (rnd.int(500, 250000) / 100).toFixed(2),
    currency: rnd.pick(['USD', 'EUR', 'GBP']),
    location: rnd.pick(CITIES),
    url: `${base}/item/${rnd.int(10000, 99999)}`,
    scrapedAt: at,
  }));
}

function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function logText(agent: SimAgent, runId: number, at: string, failed: boolean, rnd: Prng): string {
  const url = agent.inputParameters.url ?? agent.startUrl ?? 'https://shop.example.com';
  const lines = [
    `${at} INFO  Run ${runId} of agent "${agent.name}" (version ${agent.version}) starting on sim-worker-${rnd.int(1, 9)}`,
    `${at} INFO  Input parameters: ${JSON.stringify(agent.inputParameters)}`,
    `${at} INFO  Navigating to ${url}`,
    `${at} INFO  Page loaded in ${rnd.int(300, 2400)} ms (HTTP 200)`,
    `${at} INFO  Extracted ${rnd.int(10, 60)} records from page 1`,
  ];
  if (failed) {
    lines.push(`${at} WARN  Retrying selector '.product-grid' (attempt 3 of 3)`);
    lines.push(`${at} ERROR Timeout waiting for selector '.product-grid' after 30000 ms`);
    lines.push(`${at} ERROR Success criteria not met: expected at least 1 record, got 0`);
  } else {
    lines.push(`${at} INFO  Export "Combined CSV" delivered`);
    lines.push(`${at} INFO  Run finished`);
  }
  return lines.join('\n') + '\n';
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff]) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A valid small PNG "screenshot" (a striped RGB image), so binary downloads can be checked byte-exact. */
export function pngImage(seed: number, width = 64, height = 40): Buffer {
  const rnd = createPrng(seed);
  const colour = [rnd.int(0, 255), rnd.int(0, 255), rnd.int(0, 255)];
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const stripe = (x + y) % 16 < 8 ? 1 : 0.6;
      for (let c = 0; c < 3; c++) row[1 + x * 3 + c] = Math.round((colour[c]) * stripe);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function fileContent(kind: FileKind, agent: SimAgent, runId: number, dataCount: number, at: string, failed: boolean): Buffer {
  const rnd = createPrng(hashSeed(`file ${kind} ${agent.id} ${runId}`));
  switch (kind) {
    case 'csv': {
      const rows = records(agent, runId, Math.min(dataCount, 500), at);
      const header = 'id,title,price,currency,location,url,scrapedAt';
      return Buffer.from([header, ...rows.map((r) => Object.values(r).map(csvCell).join(','))].join('\n') + '\n');
    }
    case 'json':
      return Buffer.from(JSON.stringify(records(agent, runId, Math.min(dataCount, 500), at), null, 2));
    case 'log':
      return Buffer.from(logText(agent, runId, at, failed, rnd));
    case 'html':
      return Buffer.from(`<!DOCTYPE html><html><head><title>${agent.name} — run ${runId}</title></head><body><pre>${logText(agent, runId, at, failed, rnd)}</pre></body></html>`);
    case 'png':
      return pngImage(hashSeed(`png ${agent.id} ${runId}`));
  }
}

export const CONTENT_TYPES: Record<FileKind, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  log: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  png: 'image/png',
};

const FAILURES: SimDiagnostics[] = [
  {
    errorMessage: "Timeout waiting for selector '.product-grid' after 30000 ms",
    possibleCauses: ['The target site changed its page layout', 'The page loads its content with a delayed script', 'The site blocked the proxy IP range'],
    suggestedActions: ['Open the agent in the editor and re-select the product list', 'Increase the wait time for the list command', 'Switch to a residential proxy pool'],
  },
  {
    errorMessage: 'HTTP 403 Forbidden from https://www.example-retailer.com/search (bot protection)',
    possibleCauses: ['Bot protection challenged the browser', 'Too many requests from one IP address'],
    suggestedActions: ['Enable a proxy pool for this agent', 'Lower parallelism to 1', 'Add a random delay between page loads'],
  },
  {
    errorMessage: 'Success criteria not met: expected at least 1 record, got 0',
    possibleCauses: ['The input URL returns an empty result page', 'A required input parameter is missing or wrong'],
    suggestedActions: ['Check the inputParameters of the run (url, maxPages)', 'Run the agent once with its default inputs'],
  },
];

export function diagnosticsFor(agentId: number, runId: number): SimDiagnostics {
  return FAILURES[hashSeed(`diag ${agentId} ${runId}`) % FAILURES.length];
}
