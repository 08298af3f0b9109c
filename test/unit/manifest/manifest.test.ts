// The manifest as users and the marketplace see it: every string localisable through
// package.nls.json, settings with bounds and links, menus whose when-clauses match the tree's real
// contextValues, a walkthrough whose images ship, and the fields a marketplace listing needs.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ContextToken } from '../../../src/core/tree/contextValues';
import type { TreeNode } from '../../../src/core/tree/nodes';
import { presentNode } from '../../../src/core/tree/presentation';

const ROOT = path.join(__dirname, '../../..');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
interface Setting {
  type?: string | string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  scope?: string;
  order?: number;
  pattern?: string;
  patternErrorMessage?: string;
  description?: string;
  markdownDescription?: string;
}
interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string };
  completionEvents?: string[];
}
interface Manifest {
  icon?: string;
  license?: string;
  repository?: { url?: string };
  bugs?: { url?: string };
  homepage?: string;
  categories?: string[];
  keywords?: string[];
  galleryBanner?: { color?: string; theme?: string };
  enabledApiProposals?: unknown;
  activationEvents?: string[];
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    views: Record<string, Array<{ id: string }>>;
    menus: Record<string, MenuItem[]>;
    configuration: { properties: Record<string, Setting & { items?: { properties?: Record<string, Setting> } }> };
    walkthroughs: Array<{ id: string; steps: Step[] }>;
  };
}

const manifest = read('package.json') as Manifest;
const nls = read('package.nls.json') as Record<string, string>;
const properties = manifest.contributes.configuration.properties;
const commandIds = new Set(manifest.contributes.commands.map((c) => c.command));
const menus = manifest.contributes.menus;

/** Every string value in a JSON value, with its path. */
function strings(value: unknown, at = ''): Array<{ at: string; text: string }> {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, at ? `${at}.${key}` : key));
  return [];
}

/** Fields VS Code shows to people: each must be a %key% of package.nls.json. */
const USER_VISIBLE = /(^|\.)(displayName|description|title|name|contextualTitle|category|markdownDescription|patternErrorMessage|altText|contents|enumDescriptions\[\d+\])$/;
/** The package name is an id, not text. */
const NOT_TEXT = /^name$/;

suite('manifest: package.nls.json', () => {
  const placeholders = strings(manifest).filter((s) => /^%[^%]+%$/.test(s.text));

  test('every %key% in package.json exists in package.nls.json, and every key there is used', () => {
    const used = new Set(placeholders.map((s) => s.text.slice(1, -1)));
    const missing = [...used].filter((key) => !(key in nls));
    const unused = Object.keys(nls).filter((key) => !used.has(key));
    assert.deepEqual(missing, [], 'keys used but not defined');
    assert.deepEqual(unused, [], 'keys defined but not used');
    assert.ok(used.size >= 50, `only ${used.size} keys`);
    for (const [key, text] of Object.entries(nls)) assert.ok(text.trim().length > 0, `${key} is empty`);
  });

  test('no user-visible manifest string is left as literal text', () => {
    const literal = strings(manifest).filter((s) => USER_VISIBLE.test(s.at) && !NOT_TEXT.test(s.at) && !s.text.startsWith('%'));
    assert.deepEqual(
      literal.map((s) => s.at),
      [],
    );
  });

  test('translations (package.nls.<locale>.json), if any, only translate keys that exist', () => {
    for (const file of readdirSync(ROOT).filter((name) => /^package\.nls\.[\w-]+\.json$/.test(name))) {
      const translated = read(file) as Record<string, string>;
      assert.deepEqual(
        Object.keys(translated).filter((key) => !(key in nls)),
        [],
        file,
      );
    }
  });

  test('command titles keep the surface names (category "Sequentum")', () => {
    assert.equal(nls['command.category'], 'Sequentum');
    for (const command of manifest.contributes.commands) assert.equal(command.category, '%command.category%', command.command);
    assert.equal(nls[manifest.contributes.commands.find((c) => c.command === 'sequentum.setApiKey')?.title.slice(1, -1) ?? ''], 'Set API Key');
  });
});

suite('manifest: settings', () => {
  const entries = Object.entries(properties);

  test('every number has a minimum and a maximum, and its default lies between them; counts are integers', () => {
    for (const [key, setting] of entries) {
      if (setting.type !== 'number' && setting.type !== 'integer') continue;
      assert.equal(typeof setting.minimum, 'number', `${key} minimum`);
      assert.equal(typeof setting.maximum, 'number', `${key} maximum`);
      assert.ok((setting.minimum ?? 0) <= (setting.default as number) && (setting.default as number) <= (setting.maximum ?? 0), `${key} default out of range`);
    }
    for (const key of ['sequentum.rateLimit.requests', 'sequentum.rateLimit.windowSeconds', 'sequentum.polling.intervalSeconds']) {
      assert.equal(properties[key]?.type, 'integer', key);
    }
    assert.equal(properties['sequentum.polling.backgroundShare']?.type, 'number', 'a share is a fraction');
  });

  test('every setting has a unique order and a description', () => {
    const orders = entries.map(([, setting]) => setting.order);
    assert.ok(
      orders.every((order) => typeof order === 'number'),
      'order missing',
    );
    assert.equal(new Set(orders).size, orders.length, 'order not unique');
    for (const [key, setting] of entries) assert.ok(setting.markdownDescription ?? setting.description, key);
  });

  test('sequentum.baseUrl has the same pattern as an environment base URL: https, or http on loopback only', () => {
    const base = properties['sequentum.baseUrl'];
    const env = properties['sequentum.environments']?.items?.properties?.baseUrl;
    assert.ok(base?.pattern && env?.pattern);
    assert.equal(base.pattern, env.pattern);
    assert.ok(base.patternErrorMessage, 'a pattern needs its error message');
    const pattern = new RegExp(base.pattern);
    for (const ok of [base.default as string, 'https://sequentum.example.eu', 'http://localhost:5000', 'http://127.0.0.1:8080/', 'http://[::1]:3000']) assert.ok(pattern.test(ok), ok);
    for (const bad of ['http://dashboard.sequentum.com', 'http://localhost.evil.example', 'ftp://x', 'dashboard.sequentum.com', 'javascript:alert(1)']) assert.ok(!pattern.test(bad), bad);
  });

  test('#sequentum.x# links in descriptions name settings that exist, and related settings link each other', () => {
    const linked = new Map<string, string[]>();
    for (const [key, setting] of entries) {
      const text = nls[(setting.markdownDescription ?? '').slice(1, -1)] ?? '';
      const targets = [...text.matchAll(/`#(sequentum\.[\w.]+)#`/g)].map((m) => m[1]);
      for (const target of targets) assert.ok(target in properties, `${key} links to unknown ${target}`);
      linked.set(key, targets);
    }
    assert.ok(linked.get('sequentum.baseUrl')?.includes('sequentum.environments'));
    assert.ok(linked.get('sequentum.rateLimit.requests')?.includes('sequentum.rateLimit.windowSeconds'));
    assert.ok(linked.get('sequentum.rateLimit.windowSeconds')?.includes('sequentum.rateLimit.requests'));
    assert.ok(linked.get('sequentum.polling.intervalSeconds')?.includes('sequentum.polling.backgroundShare'));
    assert.ok(linked.get('sequentum.polling.backgroundShare')?.includes('sequentum.rateLimit.requests'));
  });

  test('untrusted workspaces cannot change where the key goes or how much of the budget is used', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    for (const key of restricted) assert.ok(key in properties, `${key} is not a setting`);
    const mustBe = entries.filter(([key, setting]) => setting.scope === 'application' || key.startsWith('sequentum.polling.')).map(([key]) => key);
    assert.deepEqual(
      mustBe.filter((key) => !restricted.includes(key)),
      [],
    );
  });
});

/** The `viewItem =~ /re/` parts of a when-clause, as JavaScript regexes (all must match). */
function viewItemRegexes(when: string): RegExp[] {
  return [...when.matchAll(/viewItem =~ \/((?:\\\/|[^/])+)\/(\w*)/g)].map((m) => new RegExp(m[1], m[2]));
}

/** Context-menu commands VS Code would show for a node (view == sequentum.agents). */
function contextMenuFor(node: TreeNode, group?: RegExp): string[] {
  const value = presentNode(node, { now: Date.now(), locale: 'en-US', timeZone: 'UTC' }).contextValue;
  return (menus['view/item/context'] ?? [])
    .filter((item) => !group || group.test(item.group ?? ''))
    .filter((item) => (item.when ?? '').includes('view == sequentum.agents') && viewItemRegexes(item.when ?? '').every((re) => re.test(value)))
    .map((item) => item.command);
}

const environmentNode: TreeNode = { kind: 'environment', id: 'env:staging', env: { id: 'env-staging', name: 'Staging', baseUrl: 'https://staging.example' } };
const runNode = {
  kind: 'run',
  id: 'default/run/7',
  envId: 'default',
  agentId: 4711,
  agentName: 'Products',
  run: { id: 7, agentId: 4711, status: 1, startTime: null, endTime: null },
} as unknown as TreeNode;

suite('manifest: menus and when-clauses', () => {
  test('every command a menu names is contributed', () => {
    for (const [menu, items] of Object.entries(menus)) for (const item of items) assert.ok(commandIds.has(item.command), `${menu}: ${item.command}`);
  });

  test('viewItem regexes match whole contextValue tokens (\\b…\\b) that exist', () => {
    const tokens = new Set<string>(Object.values(ContextToken));
    for (const item of menus['view/item/context'] ?? []) {
      const regexes = viewItemRegexes(item.when ?? '');
      assert.ok(regexes.length > 0, `${item.command}: no viewItem test`);
      for (const re of regexes) {
        const match = /^\\b\(?([\w|]+)\)?\\b$/.exec(re.source);
        assert.ok(match, `${item.command}: ${re.source} is not a \\b-delimited token`);
        for (const token of match[1].split('|')) assert.ok(tokens.has(token), `${item.command}: unknown token ${token}`);
      }
    }
  });

  test('an environment node offers Set API Key, Clear API Key and Refresh; other nodes do not offer the key commands', () => {
    const onEnvironment = contextMenuFor(environmentNode);
    for (const command of ['sequentum.setApiKey', 'sequentum.clearApiKey', 'sequentum.refresh']) assert.ok(onEnvironment.includes(command), command);
    assert.ok(contextMenuFor(environmentNode, /^inline/).includes('sequentum.refresh'), 'inline Refresh on the environment');
    const onRun = contextMenuFor(runNode);
    assert.ok(onRun.includes('sequentum.stopRun'), 'the run fixture is in flight');
    assert.ok(!onRun.includes('sequentum.setApiKey') && !onRun.includes('sequentum.clearApiKey'));
  });

  test("the Agents view title's overflow has Set API Key, Runs in Flight and Show Log", () => {
    const overflow = (menus['view/title'] ?? []).filter((item) => (item.when ?? '').includes('view == sequentum.agents') && !(item.group ?? '').startsWith('navigation'));
    assert.deepEqual(
      overflow.map((item) => item.command).sort(),
      ['sequentum.setApiKey', 'sequentum.showLog', 'sequentum.showRunsInFlight'],
    );
  });

  test('palette commands that need a key are hidden without one; Set API Key and Show Log never are', () => {
    const palette = new Map((menus.commandPalette ?? []).map((item) => [item.command, item.when ?? '']));
    const keyless = new Set(['sequentum.setApiKey', 'sequentum.showLog']);
    const hidden = new Set([...palette].filter(([, when]) => when === 'false').map(([id]) => id));
    for (const id of commandIds) {
      if (hidden.has(id)) continue;
      const when = palette.get(id);
      if (keyless.has(id)) assert.equal(when, undefined, `${id} must always be in the palette`);
      else assert.match(when ?? '', /(^|&& )sequentum\.hasApiKey( &&|$)/, `${id} needs a key`);
    }
  });

  test('*.sequentum.json editors get Start Run in their title bar', () => {
    const item = (menus['editor/title'] ?? []).find((entry) => entry.command === 'sequentum.startRun');
    assert.ok(item?.when && (item.group ?? '').startsWith('navigation'));
    const regex = /resourceFilename =~ \/((?:\\\/|[^/])+)\//.exec(item.when);
    assert.ok(regex, item.when);
    const re = new RegExp(regex[1]);
    for (const name of ['nightly.sequentum.json', 'a.b.sequentum.json']) assert.ok(re.test(name), name);
    for (const name of ['sequentum.json', 'nightly.sequentum.json.bak', 'nightly.sequentumXjson', 'package.json']) assert.ok(!re.test(name), name);
  });

  test('a run-config file created after start-up has a way in: activation stays narrow, the title button needs no activation', () => {
    const events = manifest.activationEvents ?? [];
    assert.ok(events.includes('workspaceContains:**/*.sequentum.json'), 'folders that already hold one activate at start-up');
    assert.ok(events.includes('onFileSystem:sequentum'), 'sequentum: documents (schedules) activate it');
    // Every JSON/JSONC editor (settings.json, tsconfig.json…) would activate it in nearly every window.
    for (const broad of ['onLanguage:json', 'onLanguage:jsonc', 'onStartupFinished', '*']) assert.ok(!events.includes(broad), broad);
    // VS Code has no activation event for a file name, and workspaceContains is only checked when
    // the folders open. So the new file's own Start Run (▶) button is the way in: its when-clause may
    // use only context keys VS Code sets itself, none of ours (they exist only after activation);
    // clicking it activates the extension (its command), which then lights up CodeLens and checks.
    const item = (menus['editor/title'] ?? []).find((entry) => entry.command === 'sequentum.startRun');
    assert.ok(item?.when);
    assert.doesNotMatch(item.when, /\bsequentum\./, 'no context key of ours in the title button\'s when-clause');
  });
});

/** The command VS Code generates to open our activity-bar container. */
const OUR_CONTAINER = 'workbench.view.extension.sequentum';

suite('manifest: walkthrough', () => {
  const walkthrough = manifest.contributes.walkthroughs[0];
  const viewIds = new Set(Object.values(manifest.contributes.views).flatMap((views) => views.map((view) => view.id)));

  test('set the key, browse, start a run, a run-config file, why did it fail — each completes on an event', () => {
    assert.equal(walkthrough.id, 'sequentum.gettingStarted');
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['sequentum.setApiKey', 'sequentum.browse', 'sequentum.startRun', 'sequentum.runConfig', 'sequentum.whyFailed'],
    );
    for (const step of walkthrough.steps) {
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} has no completion event`);
      for (const event of events) {
        const [kind, arg] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(commandIds.has(arg) || arg === OUR_CONTAINER, event);
        else if (kind === 'onView') assert.ok(viewIds.has(arg), event);
        else assert.ok(['onContext', 'onSettingChanged'].includes(kind) && arg.length > 0, event);
      }
    }
  });

  test("each step shows one of our own UI screenshots that ships in the VSIX, with alt text; its buttons run our commands", () => {
    for (const step of walkthrough.steps) {
      const image = step.media.image ?? '';
      assert.match(image, /^media\/screenshots\/[\w-]+\.png$/, step.id);
      assert.ok(existsSync(path.join(ROOT, image)), image);
      assert.ok(nls[(step.media.altText ?? '').slice(1, -1)], `${step.id} alt text`);
      for (const [, command] of (nls[step.description.slice(1, -1)] ?? '').matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(commandIds.has(command) || command === OUR_CONTAINER, `${step.id}: ${command}`);
      }
    }
  });
});

suite('manifest: marketplace and Open VSX', () => {
  test('a 128×128 PNG icon', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = readFileSync(path.join(ROOT, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  test('license, repository, bugs, homepage, categories, keywords, gallery banner; no proposed API', () => {
    assert.equal(manifest.license, 'MIT');
    assert.ok(existsSync(path.join(ROOT, 'LICENSE')));
    for (const url of [manifest.repository?.url, manifest.bugs?.url, manifest.homepage]) assert.match(url ?? '', /^https:\/\/github\.com\/sequentum-tools\/sequentum-vscode\b/);
    const marketplaceCategories = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization'];
    assert.ok((manifest.categories ?? []).length > 0);
    for (const category of manifest.categories ?? []) assert.ok(marketplaceCategories.includes(category), category);
    assert.ok((manifest.keywords ?? []).length >= 3 && (manifest.keywords ?? []).length <= 30);
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    assert.equal(manifest.enabledApiProposals, undefined);
    assert.ok(!(manifest.activationEvents ?? []).includes('*'), 'no activation on every start-up');
  });
});
