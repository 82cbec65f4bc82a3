// The live set of topics: the config's (or the default pack) with admins' /watch changes layered
// on top, compiled once per change — never per article.
import type { TopicDef } from '../core/types.ts';
import { compileTopics, type Matcher } from '../topics/index.ts';
import { applyOverlay } from '../topics/topic-overlay.ts';
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
    const next: TopicDef[] = [];
    for (const { changedBy: _by, changedAt: _at, overlay, ...t } of await this.registry.topics.over(this.base, (x) => x.id)) {
      if (!overlay) {
        next.push(t);
        continue;
      }
      // An edit of a topic the config no longer has is kept in the store but not matched.
      const under = this.base.find((b) => b.id === t.id);
      if (under) next.push(applyOverlay(under, overlay));
    }
    this.current = next;
    this.compiled = compileTopics(next);
  }

  /** The config or pack topic under runtime changes. */
  baseOf(id: string): TopicDef | undefined {
    return this.base.find((t) => t.id === id);
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
