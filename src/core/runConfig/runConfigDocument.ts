import { parseTree, type Node, type ParseError } from 'jsonc-parser';

/** A half-open character range [start, end) into the file's text (UTF-16 offsets, as VS Code counts). */
export interface OffsetRange {
  start: number;
  end: number;
}

/** One `"key": value` property with the ranges of its key (without quotes) and its value. */
export interface JsonField {
  key: string;
  keyRange: OffsetRange;
  valueRange: OffsetRange;
  /** The whole property, key through value. */
  range: OffsetRange;
  /** The parsed value; undefined when the value is missing (file being typed). */
  value: unknown;
  node: Node;
}

/** One element of `runs[]`, with everything the editor features need to point at. */
export interface RunConfigEntry {
  index: number;
  /** The entry's object, braces included. */
  range: OffsetRange;
  name?: JsonField;
  agentId?: JsonField;
  inputParameters?: JsonField;
  /** The properties inside `inputParameters` when it is an object. */
  parameters: JsonField[];
  /** Every property of the entry, in file order. */
  fields: JsonField[];
  node: Node;
}

export interface RunConfigDocument {
  entries: RunConfigEntry[];
  /** Syntax errors; the parser still returns what it could read (tolerant while typing). */
  syntaxErrors: { range: OffsetRange; code: number }[];
}

/** Parses a `*.sequentum.json` file (comments and trailing commas allowed), keeping source ranges. */
export function parseRunConfig(text: string): RunConfigDocument {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const syntaxErrors = errors.map((e) => ({ range: { start: e.offset, end: e.offset + e.length }, code: e.error }));
  const runs = root?.type === 'object' ? propertyNode(root, 'runs') : undefined;
  const array = runs?.children?.[1];
  if (array?.type !== 'array') return { entries: [], syntaxErrors };
  const entries: RunConfigEntry[] = [];
  (array.children ?? []).forEach((node, index) => {
    if (node.type === 'object') entries.push(readEntry(node, index));
  });
  return { entries, syntaxErrors };
}

/**
 * A document whose root is one object (a schedule document) read as entry 0, so the problem →
 * diagnostics mapping of run-config files (problemDiagnostics, locateField) serves it unchanged.
 * Undefined when the root is not an object.
 */
export function parseObjectDocument(text: string): RunConfigEntry | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  return root?.type === 'object' ? readEntry(root, 0) : undefined;
}

function readEntry(node: Node, index: number): RunConfigEntry {
  const fields = objectFields(node);
  const find = (key: string) => findField(fields, key);
  const inputParameters = find('inputParameters');
  const parameters = inputParameters?.node.children?.[1]?.type === 'object' ? objectFields(inputParameters.node.children[1]) : [];
  return {
    index,
    range: nodeRange(node),
    name: find('name'),
    agentId: find('agentId'),
    inputParameters,
    parameters,
    fields,
    node,
  };
}

/** The properties of an object node, skipping half-typed ones without a key. */
export function objectFields(objectNode: Node): JsonField[] {
  const result: JsonField[] = [];
  for (const property of objectNode.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (property.type !== 'property' || keyNode?.type !== 'string') continue;
    const keyRange = { start: keyNode.offset + 1, end: keyNode.offset + Math.max(1, keyNode.length - 1) };
    result.push({
      key: String(keyNode.value),
      keyRange,
      valueRange: valueNode ? nodeRange(valueNode) : keyRange,
      range: nodeRange(property),
      value: valueNode ? nodeValue(valueNode) : undefined,
      node: property,
    });
  }
  return result;
}

/** Exact key first, then case-insensitive (the server binds JSON case-insensitively). */
export function findField(fields: readonly JsonField[], key: string): JsonField | undefined {
  return fields.find((f) => f.key === key) ?? fields.find((f) => f.key.toLowerCase() === key.toLowerCase());
}

function propertyNode(objectNode: Node, key: string): Node | undefined {
  return objectNode.children?.find((p) => p.children?.[0]?.value === key);
}

function nodeRange(node: Node): OffsetRange {
  return { start: node.offset, end: node.offset + node.length };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(objectFields(node).map((f) => [f.key, f.value]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value as unknown;
  }
}

/**
 * Walks `segments` from the entry object, matching keys case-insensitively and — because ASP.NET
 * flattens `InputParameters.my.param` with dots — also trying the remaining segments re-joined.
 * Returns the deepest field reached and whether the whole path resolved.
 */
export function resolvePath(entry: RunConfigEntry, segments: readonly string[]): { field?: JsonField; complete: boolean } {
  let fields = entry.fields;
  let deepest: JsonField | undefined;
  let i = 0;
  while (i < segments.length) {
    let matched: JsonField | undefined;
    let used = 0;
    for (let k = segments.length - i; k >= 1 && !matched; k--) {
      const candidate = findField(fields, segments.slice(i, i + k).join('.'));
      if (candidate) {
        matched = candidate;
        used = k;
      }
    }
    if (!matched) return { field: deepest, complete: false };
    deepest = matched;
    i += used;
    const valueNode = matched.node.children?.[1];
    fields = valueNode?.type === 'object' ? objectFields(valueNode) : [];
  }
  return { field: deepest, complete: deepest !== undefined };
}
