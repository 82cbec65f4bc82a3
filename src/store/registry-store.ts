// Topics and feeds that admins add at run time (/watch, /feeds). They are layered over the config
// file's: a stored entry with the same id replaces the config one, a tombstone removes it.
import type { TopicDef } from '../core/types.ts';
import type { RuntimeChange } from '../core/runtime-change.ts';
import type { Store } from './open-store.ts';
import type { NamespaceName } from './namespaces.ts';
import { IndexedNamespace } from './indexed-namespace.ts';

export interface RuntimeFeed {
  url: string;
  name?: string;
  intervalMs?: number;
  fullText?: boolean;
  /** Items published longer ago are ignored (settings.maxAge otherwise). */
  maxAgeMs?: number;
  addedBy?: string;
  addedAt: string;
}

/** A topic added or edited with /watch, with who changed it (platform:user) and when (ISO). */
export interface RuntimeTopic extends TopicDef {
  /**
   * A /watch include/exclude edit of a config or pack topic: applied over that topic when the
   * catalog loads (topics/topic-overlay.ts), so the topic underneath may still change.
   */
  overlay?: { include: string[]; exclude: string[] };
  changedBy?: string;
  changedAt?: string;
}

type Entry<T> = { value: T } | { removed: true };

/**
 * One kind of runtime change. Read at every scheduler refresh and catalog reload, so it is listed
 * through a versioned index (indexed-namespace.ts): one GET while nothing changed, no scan.
 */
class Layer<T> {
  private readonly kv: IndexedNamespace<Entry<T>>;
  constructor(store: Store, name: NamespaceName, indexName: NamespaceName) {
    this.kv = new IndexedNamespace<Entry<T>>(store, name, indexName);
  }
  async set(id: string, value: T): Promise<void> {
    await this.kv.set(id, { value });
  }
  async remove(id: string): Promise<void> {
    await this.kv.set(id, { removed: true });
  }
  /** Every stored change by id, tombstones included. */
  async entries(): Promise<Map<string, Entry<T>>> {
    return new Map(await this.kv.entries());
  }
  /** Changes at every write to this layer, by any process (one read). */
  version(): Promise<string> {
    return this.kv.version();
  }
  /** Applies stored changes over the base list (by id). */
  async over(base: readonly T[], idOf: (t: T) => string): Promise<T[]> {
    const changes = await this.kv.entries();
    const out: T[] = [];
    const done = new Set<string>();
    for (const t of base) {
      const id = idOf(t);
      const c = changes.get(id);
      done.add(id);
      if (!c) out.push(t);
      else if ('value' in c) out.push(c.value);
    }
    for (const [id, c] of changes) if (!done.has(id) && 'value' in c) out.push(c.value);
    return out;
  }
}

export class RegistryStore {
  readonly topics: Layer<RuntimeTopic>;
  readonly feeds: Layer<RuntimeFeed>;
  constructor(store: Store) {
    this.topics = new Layer(store, 'runtime_topics', 'runtime_topics_index');
    this.feeds = new Layer(store, 'runtime_feeds', 'runtime_feeds_index');
  }
}

function classify(inBase: boolean, e: Entry<RuntimeTopic | RuntimeFeed>): RuntimeChange['change'] | undefined {
  if ('removed' in e) return inBase ? 'removed' : undefined;
  if ('overlay' in e.value && e.value.overlay) return 'overlay';
  return inBase ? 'replaces' : 'added';
}

/**
 * What the store changes of the config's topics and feeds (`base`: ids and URLs of the config and
 * the pack), topics first. A tombstone of something the config does not have changes nothing and
 * is left out.
 */
export async function runtimeChanges(registry: RegistryStore, base: { topics: ReadonlySet<string>; feeds: ReadonlySet<string> }): Promise<RuntimeChange[]> {
  const out: RuntimeChange[] = [];
  for (const [kind, layer, ids] of [
    ['topic', registry.topics, base.topics],
    ['feed', registry.feeds, base.feeds],
  ] as const) {
    for (const [id, e] of [...(await (layer as Layer<RuntimeTopic | RuntimeFeed>).entries())].sort((a, b) => a[0].localeCompare(b[0]))) {
      const change = classify(ids.has(id), e);
      if (!change) continue;
      const v = 'value' in e ? e.value : undefined;
      const by = v && ('changedBy' in v ? v.changedBy : 'addedBy' in v ? v.addedBy : undefined);
      const at = v && ('changedAt' in v ? v.changedAt : 'addedAt' in v ? v.addedAt : undefined);
      out.push({ kind, id, change, ...(by ? { by } : {}), ...(at ? { at } : {}) });
    }
  }
  return out;
}
