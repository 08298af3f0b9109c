// The layering of src/ (see ARCHITECTURE.md), read from the source with the TypeScript compiler:
// every import counts, type-only ones and re-exports included, because a type-only cycle still
// ties two files together for the reader. The rule:
//   core/ (no vscode) ← platform/ and features/<feature>/ ← container.ts ← extension.ts
// A feature may import core and platform, never another feature; platform never imports a feature;
// nothing but extension.ts imports the container; and no file reaches itself through its imports.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
const TEST = path.join(ROOT, 'test');

/** Every .ts file under a folder, recursively (absolute paths). */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** The module specifiers a file imports or re-exports (static, type-only and dynamic `import()`). */
function specifiersOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

/** A relative specifier resolved to a file in src/; undefined for packages and node built-ins. */
function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  // A dynamic `import('./x.js')` names the built file (TypeScript's ESM resolution asks for it): the source is x.ts.
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return `${base}.ts`;
}

/**
 * A JSON schema the extension ships (schemas/*.schema.json): data, not code, and the one
 * description of its documents, which core reads instead of keeping a second copy of its rules.
 */
export function isShippedSchema(from: string, specifier: string): boolean {
  const target = path.resolve(path.dirname(from), specifier);
  return specifier.endsWith('.schema.json') && path.dirname(target) === path.join(ROOT, 'schemas');
}

/** The layer of a file: core, platform, feature:<name>, container or extension; undefined = no layer. */
export function layerOf(file: string): string | undefined {
  const parts = path.relative(SRC, file).split(path.sep);
  if (parts.length === 1 && (parts[0] === 'container.ts' || parts[0] === 'extension.ts')) return parts[0].replace('.ts', '');
  if (parts[0] === 'core' || parts[0] === 'platform') return parts[0];
  if (parts[0] === 'features' && parts.length >= 3) return `feature:${parts[1]}`;
  return undefined;
}

/** Why an import from one layer into another breaks the rule; undefined when it is allowed. */
export function violation(fromLayer: string, toLayer: string | undefined, specifier: string): string | undefined {
  if (fromLayer === 'core' && specifier === 'vscode') return 'core imports vscode';
  if (toLayer === undefined) return undefined;
  if (toLayer === fromLayer) return undefined;
  if (toLayer === 'extension') return 'nothing imports extension.ts';
  if (toLayer === 'container') return fromLayer === 'extension' ? undefined : 'only extension.ts imports the container';
  if (fromLayer === 'core') return 'core imports only core';
  if (fromLayer === 'platform') return toLayer === 'core' ? undefined : 'platform imports only core';
  if (fromLayer.startsWith('feature:')) return toLayer === 'core' || toLayer === 'platform' ? undefined : 'a feature imports only core, platform and itself';
  return undefined;
}

interface Graph {
  files: string[];
  edges: Map<string, string[]>;
  problems: string[];
}

function readGraph(): Graph {
  const files = sourceFiles(SRC);
  const edges = new Map<string, string[]>();
  const problems: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    const rel = path.relative(SRC, file);
    if (from === undefined) problems.push(`${rel}: not in a layer (core/, platform/, features/<feature>/, container.ts, extension.ts)`);
    const targets: string[] = [];
    for (const specifier of specifiersOf(file)) {
      if (isShippedSchema(file, specifier)) continue;
      const target = resolveLocal(file, specifier);
      if (target && !target.startsWith(SRC + path.sep)) {
        problems.push(`${rel} → ${specifier}: outside src/`);
        continue;
      }
      if (target) targets.push(target);
      const why = from && violation(from, target && layerOf(target), specifier);
      if (why) problems.push(`${rel} → ${specifier}: ${why}`);
    }
    edges.set(file, targets);
  }
  return { files, edges, problems };
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function cyclesOf(edges: Map<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (edges.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * Test files (test/unit, test/host, test/ui) import only src/, test/support/ and the code the test
 * is about outside src (simulator/, bench/, scripts/); test/support imports no test file.
 */
function testImportProblems(): string[] {
  const allowed = [SRC, path.join(TEST, 'support'), path.join(ROOT, 'simulator'), path.join(ROOT, 'bench'), path.join(ROOT, 'scripts')].map((dir) => dir + path.sep);
  const problems: string[] = [];
  for (const file of sourceFiles(TEST)) {
    for (const specifier of specifiersOf(file)) {
      const target = resolveLocal(file, specifier);
      if (!target) continue;
      if (!allowed.some((dir) => target.startsWith(dir))) problems.push(`${path.relative(ROOT, file)} → ${specifier}`);
    }
  }
  return problems;
}

suite('Architecture: imports', () => {
  const graph = readGraph();

  test('every file in src/ sits in a layer and imports only what its layer may', () => {
    assert.ok(graph.files.length > 50, `read ${graph.files.length} files`);
    assert.deepEqual(graph.problems, []);
  });

  test('no import cycle in src/, type-only imports included', () => {
    const cycles = cyclesOf(graph.edges).map((cycle) => cycle.map((file) => path.relative(SRC, file)).join(' ↔ '));
    assert.deepEqual(cycles, []);
  });

  test('test files import only src/, test/support/, simulator/, bench/ and scripts/', () => {
    assert.deepEqual(testImportProblems(), []);
  });

  test('the checker itself sees a cycle, a type-only import and each wrong direction', () => {
    assert.deepEqual(cyclesOf(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c']]);
    assert.deepEqual(cyclesOf(new Map([['a', ['a']]])), [['a']]);
    const typeOnly = ts.preProcessFile("import type { A } from './a';\nexport { B } from './b';\nconst c = import('./c');", true, true);
    assert.deepEqual(typeOnly.importedFiles.map((f) => f.fileName), ['./a', './b', './c']);
    assert.ok(violation('core', 'platform', '../platform/x'));
    assert.ok(violation('core', undefined, 'vscode'));
    assert.ok(violation('platform', 'feature:runs', '../features/runs/x'));
    assert.ok(violation('feature:runs', 'feature:agentsTree', '../agentsTree/x'));
    assert.ok(violation('feature:runs', 'container', '../../container'));
    assert.ok(violation('platform', 'container', '../container'));
    assert.equal(violation('feature:runs', 'platform', '../../platform/x'), undefined);
    assert.equal(violation('feature:runs', 'core', '../../core/x'), undefined);
    assert.equal(violation('container', 'feature:runs', './features/runs/x'), undefined);
    assert.equal(layerOf(path.join(SRC, 'features', 'runs', 'runsFeature.ts')), 'feature:runs');
    assert.equal(layerOf(path.join(SRC, 'commands', 'registry.ts')), undefined);
    assert.ok(isShippedSchema(path.join(SRC, 'core', 'runConfig', 'x.ts'), '../../../schemas/sequentum-runs.schema.json'));
    assert.ok(!isShippedSchema(path.join(SRC, 'core', 'runConfig', 'x.ts'), '../../../simulator/index.json'));
    assert.ok(!isShippedSchema(path.join(SRC, 'core', 'runConfig', 'x.ts'), '../../../schemas/evil.ts'));
  });
});
