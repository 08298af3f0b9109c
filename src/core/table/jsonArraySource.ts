import type { GrowingFile } from '../files/growingFile';
import { open } from 'node:fs/promises';
import { openIndexedTable, type FieldDecoder, type IndexPass, type OpenTableOptions, type RowDecoder } from './indexedTable';
import { NotATableError, type RowSource } from './rowSource';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Finds the top-level objects of `[ {…}, {…} ]` in a byte stream: depth and string state only
 * (bracket bytes never occur inside a multi-byte UTF-8 sequence), each object then parsed by
 * JSON.parse for its keys. No JSON streaming library gives byte offsets per element, and this is
 * the whole of what is needed; anything else (an object, an array of numbers, bad syntax) is a
 * NotATableError so the file opens as text instead.
 */
const indexJsonArray: IndexPass = async (chunks, sink, signal) => {
  const known = new Set<string>();
  let state = 'start' as 'start' | 'between' | 'element' | 'end';
  let expectElement = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let elementStart = 0;
  let pieces: Buffer[] = [];
  let offset = 0;
  const finishElement = (end: number): void => {
    const text = Buffer.concat(pieces).toString('utf8');
    pieces = [];
    // An element past the row limit is not read: its keys are no columns, a flaw in it no error.
    if (sink.stopsAtRowLimit()) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new NotATableError(`Not valid JSON at byte ${elementStart}: ${(error as Error).message}`);
    }
    for (const key of Object.keys(value as object)) {
      if (!known.has(key)) {
        known.add(key);
        sink.columns.push(key);
      }
    }
    sink.row(elementStart, end);
  };
  for await (const chunk of chunks) {
    if (signal.aborted) return;
    let pieceFrom = state === 'element' ? 0 : -1;
    for (let i = offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) inString = false;
        } else if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
        else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) {
          pieces.push(chunk.subarray(pieceFrom, i + 1));
          finishElement(offset + i + 1);
          if (signal.aborted) return;
          state = 'between';
          pieceFrom = -1;
        }
        continue;
      }
      if (isJsonSpace(byte)) continue;
      if (state === 'start' && byte === OPEN_BRACKET) {
        state = 'between';
        expectElement = true;
      } else if (state === 'between' && byte === CLOSE_BRACKET) {
        state = 'end';
      } else if (state === 'between' && byte === COMMA && !expectElement) {
        expectElement = true;
      } else if (state === 'between' && byte === OPEN_BRACE && expectElement) {
        state = 'element';
        depth = 1;
        expectElement = false;
        elementStart = offset + i;
        pieceFrom = i;
      } else {
        throw new NotATableError(notATableReason(state, byte, offset + i));
      }
    }
    // A copy: the chunk's bytes are read over by the next one (GrowingFile.chunks).
    if (state === 'element' && pieceFrom >= 0) pieces.push(Buffer.from(chunk.subarray(pieceFrom)));
    offset += chunk.length;
  }
  if (!signal.aborted && state !== 'end') throw new NotATableError(state === 'start' ? 'The file is empty.' : 'The JSON array is not closed (the file ends inside it).');
};

function notATableReason(state: string, byte: number, at: number): string {
  if (state === 'start') return 'The JSON is not an array, so it is not shown as a table.';
  if (state === 'end') return `Text after the JSON array (byte ${at}).`;
  return byte === OPEN_BRACE || byte === COMMA ? `A comma is missing or doubled at byte ${at}.` : `An element of the JSON array is not an object (byte ${at}).`;
}

/** A JSON value as cell text: strings as they are, null as empty, objects and arrays as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const decodeJsonRows: RowDecoder = (bytes, ranges, columns) =>
  ranges.map(([start, end]) => {
    const record = JSON.parse(bytes.toString('utf8', start, end)) as Record<string, unknown>;
    return columns.map((key) => (Object.hasOwn(record, key) ? cellText(record[key]) : ''));
  });

const jsonFieldText: FieldDecoder = (bytes, start, end, column, columns) => {
  const record = JSON.parse(bytes.toString('utf8', start, end)) as Record<string, unknown>;
  const key = columns[column];
  return key !== undefined && Object.hasOwn(record, key) ? cellText(record[key]) : '';
};

/** Opens a JSON file holding an array of objects as a table (keys → columns), streaming. */
export function openJsonArrayTable(file: string | GrowingFile, options?: OpenTableOptions): Promise<RowSource> {
  return openIndexedTable(file, { index: indexJsonArray, decode: decodeJsonRows, field: jsonFieldText }, options);
}

/**
 * True when the file starts like an array of objects (`[` then `{` or `]`), read from its first
 * 4 KiB: the table view is offered for it; any other JSON opens as text.
 */
export async function looksLikeJsonArrayOfObjects(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const text = head.toString('utf8', 0, bytesRead).replace(/^\ufeff/, '');
    return /^\s*\[\s*(\{|\]|$)/.test(text);
  } finally {
    await file.close();
  }
}
