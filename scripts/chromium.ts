// Headless Debian Chromium through playwright-core, for the code-server workbench (flags verified
// on these machines; see shared docs "real-vscode-testing"). Never `npx playwright install`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { sandboxEnv, shortTempDir } from './codeServer';
import type { VscodeTools } from './vscodeTools';

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium with its profile (and HOME, XDG dirs) inside `stateDir`; close() removes its temp dir. */
export async function launchChromium(tools: VscodeTools, stateDir: string, viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = join(stateDir, 'chrome');
  const tmpDir = shortTempDir(tools);
  const launching = chromium.launchPersistentContext(profile, {
    executablePath: tools.chromium,
    headless: true,
    viewport,
    env: { ...(process.env as Record<string, string>), ...sandboxEnv(join(stateDir, 'chrome-env'), tmpDir) },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await launching.catch((error: unknown) => {
    rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

