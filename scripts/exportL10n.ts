// `npm run l10n`: regenerates l10n/bundle.l10n.json from the l10n.t calls in src/ (see l10nBundle.ts).
// A unit test (test/unit/proof/l10nBundle.test.ts) fails when the committed bundle is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { collectL10nBundle, formatBundle } from './l10nBundle';

const REPO_ROOT = resolve(__dirname, '..');

async function main(): Promise<void> {
  const bundle = await collectL10nBundle(join(REPO_ROOT, 'src'));
  mkdirSync(join(REPO_ROOT, 'l10n'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'l10n', 'bundle.l10n.json'), formatBundle(bundle));
  console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} strings`);
}

void main();
