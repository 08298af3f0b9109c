// The typed command table (src/core/commandIds.ts) against the manifest and the source: the
// contributed commands are exactly package.json's, menus and links name only those, every id is
// registered once through the one wrapper, and no other file spells a command id or runs one of
// ours through executeCommand.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { CommandId, INTERNAL_COMMAND_IDS } from '../../../src/core/commandIds';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
const TABLE_FILE = path.join(SRC, 'core', 'commandIds.ts');

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus?: Record<string, { command?: string }[]>;
    viewsWelcome?: { contents: string }[];
    keybindings?: { command: string }[];
    walkthroughs?: { steps: { description?: string; completionEvents?: string[] }[] }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const allIds: readonly string[] = Object.values(CommandId);
const contributedIds = allIds.filter((id) => !INTERNAL_COMMAND_IDS.has(id as CommandId));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const sources = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), full: file, text: readFileSync(file, 'utf8') }));

/** The string literals of a file (comments are not code: they may name a command). */
function stringLiterals(file: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false));
  return found;
}

/** Every command our manifest names outside `contributes.commands`: menus, welcome links, keybindings, walkthroughs. */
function referencedInManifest(): { where: string; id: string }[] {
  const refs: { where: string; id: string }[] = [];
  for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
    for (const item of items) if (item.command) refs.push({ where: `menus.${menu}`, id: item.command });
  }
  for (const binding of manifest.contributes.keybindings ?? []) refs.push({ where: 'keybindings', id: binding.command });
  const links = [
    ...(manifest.contributes.viewsWelcome ?? []).map((w) => w.contents),
    ...(manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps.flatMap((s) => [s.description ?? '', ...(s.completionEvents ?? [])])),
  ];
  for (const text of links) {
    for (const match of text.matchAll(/(?:command:|onCommand:)(sequentum\.[\w.]+)/g)) refs.push({ where: 'links', id: match[1] });
  }
  return refs;
}

suite('Architecture: the command table', () => {
  test('the contributed commands are exactly package.json contributes.commands (both directions)', () => {
    const manifestIds = manifest.contributes.commands.map((c) => c.command);
    assert.deepEqual([...contributedIds].sort(), [...manifestIds].sort());
    for (const internal of INTERNAL_COMMAND_IDS) assert.ok(!manifestIds.includes(internal), `${internal} is internal but contributed`);
  });

  test('menus, welcome links and keybindings name only commands of the table', () => {
    const refs = referencedInManifest();
    assert.ok(refs.length > 10, `found ${refs.length} references`);
    const ours = refs.filter((ref) => ref.id.startsWith('sequentum.'));
    assert.deepEqual(ours.filter((ref) => !contributedIds.includes(ref.id)), []);
  });

  test('every id is registered exactly once, in a table keyed by CommandId', () => {
    for (const [key, id] of Object.entries(CommandId)) {
      const tables = sources.filter((s) => s.text.includes(`[CommandId.${key}]:`));
      assert.equal(tables.length, 1, `${id}: registered in ${tables.map((s) => s.file).join(', ') || 'no table'}`);
    }
  });

  test('the literal check sees strings and templates, not comments', () => {
    const sample = "// 'sequentum.startRun'\nconst a = 'sequentum.stopRun'; const b = `sequentum.killRun`; const c = `${a}sequentum.refresh`;";
    assert.deepEqual(stringLiterals('x.ts', sample), ['sequentum.stopRun', 'sequentum.killRun', '', 'sequentum.refresh']);
  });

  test('only the wrapper calls vscode.commands.registerCommand', () => {
    const callers = sources.filter((s) => /\bregisterCommand\s*\(/.test(s.text)).map((s) => s.file);
    assert.deepEqual(callers, [path.join('platform', 'commandRegistry.ts')]);
  });

  test('no command-id string literal outside the table, and no executeCommand on our own ids', () => {
    const spelled = sources
      .filter((s) => s.full !== TABLE_FILE)
      .flatMap((s) => stringLiterals(s.file, s.text).filter((text) => allIds.includes(text)).map((text) => `${s.file}: ${text}`));
    assert.deepEqual(spelled, []);
    const executes = sources.filter((s) => /executeCommand\(\s*CommandId\./.test(s.text)).map((s) => s.file);
    assert.deepEqual(executes, []);
  });
});
