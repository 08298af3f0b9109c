import { iso } from './clock';
import type { SimAgent } from './types';

/** One saved version of an agent (V1 row). */
export interface SimVersion {
  version: number;
  userName: string;
  created: number;
  comments: string;
  fileSize: number;
}

const AUTHORS = ['Dana Editor', 'Sam Builder', 'Ravi Ops'];
const COMMENTS = ['First publish', 'Fix product list selector', 'Add pagination', 'Export as CSV and JSON', 'Handle cookie banner', 'Tune wait times'];

/**
 * Agent versions (§9): each agent has versions 1…`agent.version`, generated the first time they are
 * read (deterministic per agent); a restore appends a copy of the chosen one as the new highest
 * version, which becomes the agent's current version.
 */
export class VersionBook {
  private readonly byAgent = new Map<number, SimVersion[]>();

  constructor(private readonly now: () => number) {}

  clear(): void {
    this.byAgent.clear();
  }

  /** Newest first. */
  of(agent: SimAgent): SimVersion[] {
    let list = this.byAgent.get(agent.id);
    if (!list) {
      const first = Date.parse(agent.created);
      const step = Math.max(3600_000, (this.now() - first) / Math.max(1, agent.version));
      list = Array.from({ length: agent.version }, (_, i) => ({
        version: i + 1,
        userName: AUTHORS[(agent.id + i) % AUTHORS.length],
        created: first + i * step,
        comments: COMMENTS[i % COMMENTS.length],
        fileSize: 18_000 + ((agent.id * 37 + i * 1013) % 9000),
      }));
      this.byAgent.set(agent.id, list);
    }
    return [...list].reverse();
  }

  /** A new version copied from `version`; undefined when there is no such version. */
  restore(agent: SimAgent, version: number, comment: string, userName = 'API user'): SimVersion | undefined {
    const source = this.of(agent).find((v) => v.version === version);
    if (!source) return undefined;
    const list = this.byAgent.get(agent.id) ?? [];
    const created: SimVersion = { version: agent.version + 1, userName, created: this.now(), comments: comment, fileSize: source.fileSize };
    list.push(created);
    agent.version = created.version;
    agent.updated = iso(created.created);
    return created;
  }
}
