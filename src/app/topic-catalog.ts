// The live set of topics: the config's (or the default pack) with admins' /watch changes layered
// on top, compiled once per change — never per article.
import type { TopicDef } from '../core/types.ts';
import { compileTopics, type Matcher } from '../topics/index.ts';
import type { RegistryStore } from '../store/registry-store.ts';

export class TopicCatalog {
  private current: TopicDef[] = [];
  private compiled: Matcher;

  constructor(
    private readonly base: readonly TopicDef[],
    private readonly registry: RegistryStore,
  ) {
    this.current = [...base];
    this.compiled = compileTopics(this.current);
  }

  /** Re-reads runtime changes (at start, after /watch, and periodically on other instances). */
  async reload(): Promise<void> {
    // Who changed a runtime topic stays in the registry; the rest of raqib sees plain topics.
    const next = (await this.registry.topics.over(this.base, (t) => t.id)).map(({ changedBy: _by, changedAt: _at, ...t }) => t);
    this.current = next;
    this.compiled = compileTopics(next);
  }

  list(): TopicDef[] {
    return this.current;
  }

  get(id: string): TopicDef | undefined {
    return this.current.find((t) => t.id === id);
  }

  matcher(): Matcher {
    return this.compiled;
  }
}
