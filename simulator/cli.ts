import { startSimulator, type SimulatorOptions } from './index';
import type { SeedSpec } from './seed';

/** `npm run simulator -- [--port N] [--time-scale N] [--rate-limit 100/60] [--seed demo|empty|50x10000] [--key sk-…]` */
function parseArgs(argv: string[]): SimulatorOptions {
  const opts: SimulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? '').split('=', 2);
    const value = (): string => inline ?? argv[++i] ?? '';
    switch (flag) {
      case '--port':
        opts.port = Number(value());
        break;
      case '--time-scale':
        opts.timeScale = Number(value());
        break;
      case '--rate-limit': {
        const [requests, windowSeconds] = value().split('/').map(Number);
        if (!requests || !windowSeconds) throw new Error('--rate-limit expects REQUESTS/WINDOW_SECONDS, e.g. 100/60');
        opts.rateLimit = { requests, windowSeconds };
        break;
      }
      case '--seed': {
        const v = value();
        const m = /^(\d+)x(\d+)$/.exec(v);
        const seed: SeedSpec = m ? { spaces: Number(m[1]), agents: Number(m[2]) } : v === 'empty' ? 'empty' : 'demo';
        opts.seed = seed;
        break;
      }
      case '--key':
        opts.apiKeys = [...(opts.apiKeys ?? []), value()];
        break;
      case '--help':
        console.log('Usage: npm run simulator -- [--port N] [--time-scale N] [--rate-limit 100/60] [--seed demo|empty|SPACESxAGENTS] [--key sk-...]');
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${argv[i] ?? ''} (try --help)`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const sim = await startSimulator(parseArgs(process.argv.slice(2)));
  console.log(`Sequentum simulator listening.
  Base URL:    ${sim.baseUrl}      (API under /api/v1)
  API key:     ${sim.apiKey}
  File store:  ${sim.fileStoreUrl}
  Control:     ${sim.baseUrl}/__control/counters
Set "sequentum.baseUrl" to the base URL and use the key above. Ctrl+C stops.`);
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
