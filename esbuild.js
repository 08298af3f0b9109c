// Bundles the extension and its dependencies into native ES modules for the Node extension host:
// dist/extension.mjs, loaded at activation, and dist/chunks/*.mjs, loaded on first use (see
// extensionBuildOptions). `--production` minifies; `--watch` prints problem-matcher lines.
const fs = require('node:fs');
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
 * CommonJS code bundled into ESM output (dependencies that `require()` a Node built-in) gets
 * esbuild's `__require`, which throws in an ES module ("Dynamic require of … is not supported")
 * unless a real `require` is in scope: every output file (entry and chunks) declares one.
 */
const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * The one set of bundle options, shared with the bench's bundle-size and activation figures:
 * `<outdir>/extension.mjs`, the file VS Code loads at activation (package.json `main`), and
 * `<outdir>/chunks/*.mjs`, loaded on first use.
 *
 * Native ESM (VS Code >= 1.100 loads `.mjs` extensions in the Node host and resolves
 * `import … from 'vscode'` for them) so that esbuild can split: every `await import('…')` in the
 * source — a library (node-fetch, csv-parse) or a feature's machinery — becomes a chunk read and
 * evaluated on first use, and a module used by several chunks goes to a shared chunk. Each module
 * is in exactly one file, so there is one copy of its state (the l10n translator, the request
 * scheduler per key, the tree model) however the files load. A CJS bundle could not split our
 * own modules without duplicating that state.
 * @param {{ production: boolean, outdir?: string }} options
 * @returns {import('esbuild').BuildOptions}
 */
function extensionBuildOptions({ production, outdir = path.join(__dirname, 'dist') }) {
  return {
    entryPoints: [{ in: path.join(__dirname, 'src/extension.ts'), out: 'extension' }],
    bundle: true,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: REQUIRE_BANNER },
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
    plugins: [noStreamsPolyfillPlugin],
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
  // Chunk names carry a content hash: without a clean start, dist/ (and so the VSIX) would keep
  // every earlier build's chunks.
  fs.rmSync(options.outdir, { recursive: true, force: true });
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

module.exports = { extensionBuildOptions, webviewBuildOptions };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
