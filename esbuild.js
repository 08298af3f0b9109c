// Bundles the extension (and its ESM-only dependencies p-queue and node-fetch) into one CJS file
// for the Node extension host. `--production` minifies; `--watch` prints problem-matcher lines.
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
 * The one set of bundle options, shared with the bench's bundle-size and activation figures.
 * @param {{ production: boolean, outfile?: string }} options
 * @returns {import('esbuild').BuildOptions}
 */
function extensionBuildOptions({ production, outfile = 'dist/extension.js' }) {
  return {
    entryPoints: [path.join(__dirname, 'src/extension.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
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
