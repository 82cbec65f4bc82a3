// Topics and feeds that admins add at run time (/watch, /feeds). They are layered over the config
// file's: a stored entry with the same id replaces the config one, a tombstone removes it.
import type Keyv from 'keyv';
import type { TopicDef } from '../core/types.ts';
import type { Store } from './open-store.ts';

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

class Layer<T> {
  constructor(private readonly kv: Keyv<Entry<T>>) {}
  async set(id: string, value: T): Promise<void> {
    await this.kv.set(id, { value });
  }
  async remove(id: string): Promise<void> {
    await this.kv.set(id, { removed: true });
  }
  /** Applies stored changes over the base list (by id). */
  async over(base: readonly T[], idOf: (t: T) => string): Promise<T[]> {
    const changes = new Map<string, Entry<T>>();
    for await (const [k, v] of this.kv.iterator!(undefined)) if (v) changes.set(String(k), v as Entry<T>);
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
    this.topics = new Layer(store.namespace<Entry<RuntimeTopic>>('runtime_topics'));
    this.feeds = new Layer(store.namespace<Entry<RuntimeFeed>>('runtime_feeds'));
  }
}
