// Bundles the extension (and its ESM-only dependencies p-queue and node-fetch) into CJS files for
// the Node extension host: dist/extension.js, loaded at activation, and dist/vendor/*.js, libraries
// loaded on first use. `--production` minifies; `--watch` prints problem-matcher lines.
const path = require('node:path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Lines the `$esbuild-watch` problem matcher understands. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * fetch-blob (under node-fetch 3) falls back to web-streams-polyfill only when the runtime has no
 * ReadableStream. Every extension host we support (Node >= 20) has one, so the 60 KB polyfill is
 * dead weight: resolve it to a module that says so instead of bundling it.
 */
const noStreamsPolyfillPlugin = {
  name: 'no-web-streams-polyfill',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/.*)?$/ }, () => ({ path: 'web-streams-polyfill', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'throw new Error("Web streams are built into Node >= 16.5; no polyfill is bundled.");',
      loader: 'js',
    }));
  },
};

/**
 * Libraries the extension needs only after activation (the first request, the first CSV table),
 * each bundled alone into `vendor/<file>.js` next to extension.js and loaded from there on first
 * use: the source imports them only with `await import(...)`, which the main bundle turns into a
 * require of that file, so activation neither reads nor evaluates them. Only self-contained
 * libraries belong here: a module of ours in a second file would be a second copy of its state
 * (the l10n translator, the request scheduler per key, the tree model), so none of src/ is split.
 */
const VENDOR_BUNDLES = {
  'node-fetch': 'node-fetch',
  'csv-parse/sync': 'csv-parse-sync',
};

/** In extension.js, an import of a vendor library is a require of its own file (see VENDOR_BUNDLES). */
const vendorFilesPlugin = {
  name: 'vendor-files',
  setup(build) {
    const names = Object.keys(VENDOR_BUNDLES).map((name) => name.replace(/[/-]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: `./vendor/${VENDOR_BUNDLES[args.path]}.js`, external: true },
    );
  },
};

/**
 * `vscode` read once. Every module of ours has `import * as vscode from 'vscode'`; with `vscode`
 * external, esbuild gave each of them (about 35) its own ESM copy of the API object (`__toESM`:
 * a getter per property, and the real API object has hundreds: namespaces, classes, enums), all at
 * load. Here they share one module that re-exports `vscode` once.
 */
const vscodeOncePlugin = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};

/**
 * The one set of bundle options, shared with the bench's bundle-size and activation figures:
 * `<outdir>/extension.js` and `<outdir>/vendor/*.js`.
 * @param {{ production: boolean, outdir?: string }} options
 * @returns {import('esbuild').BuildOptions}
 */
function extensionBuildOptions({ production, outdir = path.join(__dirname, 'dist') }) {
  return {
    entryPoints: [
      { in: path.join(__dirname, 'src/extension.ts'), out: 'extension' },
      ...Object.entries(VENDOR_BUNDLES).map(([name, file]) => ({ in: name, out: `vendor/${file}` })),
    ],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir,
    external: ['vscode'],
    // Prefer ESM builds: jsonc-parser's UMD `main` requires './impl/format' dynamically, which
    // esbuild cannot follow, so the bundle failed to activate ("Cannot find module").
    mainFields: ['module', 'main'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'silent',
    plugins: [noStreamsPolyfillPlugin, vendorFilesPlugin, vscodeOncePlugin],
    // `await import(vendor)` as require(): kept as import(), Node would load the CJS vendor file as
    // ESM and hand back its exports object as `default` (node-fetch's default export one level down).
    supported: { 'dynamic-import': false },
  };
}

/**
 * The webview scripts (browser code under webview/), one bundle per view: `<name>.js` and the CSS
 * it imports as `<name>.css` in media/dist/, which src/platform/webview/webviewShell.ts loads by
 * name under a strict CSP. Add a line here for a new view.
 */
const WEBVIEW_BUNDLES = {
  table: 'webview/table/main.ts',
  insights: 'webview/insights/main.ts',
};

/**
 * @param {{ production: boolean, outdir?: string }} options
 * @returns {import('esbuild').BuildOptions}
 */
function webviewBuildOptions({ production, outdir = 'media/dist' }) {
  return {
    entryPoints: Object.entries(WEBVIEW_BUNDLES).map(([out, input]) => ({ in: path.join(__dirname, input), out })),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outdir: path.join(__dirname, outdir),
    minify: production,
    sourcemap: production ? false : 'inline',
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'silent',
  };
}

async function main() {
  const options = extensionBuildOptions({ production });
  const contexts = [
    await esbuild.context({ ...options, plugins: [...options.plugins, problemMatcherPlugin] }),
    await esbuild.context({ ...webviewBuildOptions({ production }), plugins: [problemMatcherPlugin] }),
  ];
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
  } else {
    for (const ctx of contexts) {
      await ctx.rebuild();
      await ctx.dispose();
    }
  }
}

module.exports = { extensionBuildOptions, webviewBuildOptions, VENDOR_BUNDLES };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
