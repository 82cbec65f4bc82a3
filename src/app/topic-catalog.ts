// The live set of topics: the config's (or the default pack) with admins' /watch changes layered
// on top, plus everyone's personal topics, compiled once per change — never per article. Personal
// topics are compiled into the same matcher under their owner-naming ids (personalId), so an
// article matching one is routed, like any match, only to the subscriptions of that id: its chat.
import type { TopicDef } from '../core/types.ts';
import { Mutex } from '../core/keyed-mutex.ts';
import { compileTopics, type Matcher } from '../topics/index.ts';
import { applyOverlay } from '../topics/topic-overlay.ts';
import type { RegistryStore } from '../store/registry-store.ts';
import { personalId, type PersonalTopicStore, type TopicOwner } from '../store/personal-topic-store.ts';

export class TopicCatalog {
  private current: TopicDef[] = [];
  private personal: { owner: TopicOwner; topic: TopicDef }[] = [];
  private everything: TopicDef[] = [];
  private compiled: Matcher;
  /** The versions of the stored topics last compiled: a reload with none changed compiles nothing. */
  private loaded: string | undefined;
  private readonly reloading = new Mutex();

  constructor(
    private readonly base: readonly TopicDef[],
    private readonly registry: RegistryStore,
    private readonly personalStore?: PersonalTopicStore,
  ) {
    this.current = [...base];
    this.everything = this.current;
    this.compiled = compileTopics(this.current);
  }

  /**
   * Re-reads runtime changes (at start, after /watch, and at every scheduler refresh so that a
   * /watch through another instance is matched here too). Two reads while nothing changed.
   */
  reload(): Promise<void> {
    // One at a time: a slow reload finishing after a newer one would put older topics back.
    return this.reloading.run(() => this.load());
  }

  private async load(): Promise<void> {
    const versions = (await Promise.all([this.registry.topics.version(), this.personalStore?.version()])).join(' ');
    if (versions === this.loaded) return;
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
    this.personal = (await this.personalStore?.all()) ?? [];
    this.current = next;
    // Digests and alerts name a personal topic by the id its chat gave it.
    const personal = this.personal.map(({ owner, topic }): TopicDef => ({
      ...topic,
      id: personalId(owner, topic.id),
      name: topic.name ?? topic.id,
      origin: 'personal',
    }));
    this.everything = [...next, ...personal];
    this.compiled = compileTopics(this.everything);
    // Read before the topics: a change in between shows as a new version next time.
    this.loaded = versions;
  }

  /** The config or pack topic under runtime changes. */
  baseOf(id: string): TopicDef | undefined {
    return this.base.find((t) => t.id === id);
  }

  /** The global topics (config or pack, with admins' /watch changes): what every chat sees. */
  list(): TopicDef[] {
    return this.current;
  }

  /** Global and personal topics under the ids the matcher gives them (digests, alerts, previews). */
  all(): TopicDef[] {
    return this.everything;
  }

  /** One chat's personal topics under the ids that chat sees. */
  personalOf(owner: TopicOwner): TopicDef[] {
    return this.personal
      .filter((p) => p.owner.platform === owner.platform && p.owner.chat === owner.chat)
      .map((p) => ({ ...p.topic, origin: 'personal' as const }));
  }

  get(id: string): TopicDef | undefined {
    return this.current.find((t) => t.id === id);
  }

  matcher(): Matcher {
    return this.compiled;
  }
}
