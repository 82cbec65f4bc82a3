// Personal topics: what anyone adds with /watch in their private chat with the bot. Each belongs to
// one chat (platform, chat) and is seen and matched for that chat only. Inside raqib a personal
// topic goes by an id that names its owner (personalId), so that two people's "bitcoin" never meet
// and no global id (letters, digits and "-") can equal one; the chat sees the id it typed.
import type { TopicDef } from '../core/types.ts';
import type { Store } from './open-store.ts';
import { IndexedNamespace } from './indexed-namespace.ts';

export interface TopicOwner {
  platform: string;
  chat: string;
}

export interface PersonalTopic {
  owner: TopicOwner;
  /** The topic as its owner wrote it: `id` is the id the chat sees. */
  topic: TopicDef;
  changedBy?: string;
  changedAt?: string;
}

/** The matcher's and the subscriptions' id of a personal topic ("~telegram~42~bitcoin"). */
export function personalId(owner: TopicOwner, id: string): string {
  // encodeURIComponent leaves "~" as it is: encode it too, so the parts always split back.
  const part = (x: string) => encodeURIComponent(x).replace(/~/g, '%7E');
  return `~${part(owner.platform)}~${part(owner.chat)}~${id}`;
}

/** The owner and the chat's id of a personal topic id; undefined for any other id. */
export function parsePersonalId(internal: string): { owner: TopicOwner; id: string } | undefined {
  const m = /^~([^~]+)~([^~]+)~(.+)$/.exec(internal);
  if (!m) return undefined;
  return { owner: { platform: decodeURIComponent(m[1]!), chat: decodeURIComponent(m[2]!) }, id: m[3]! };
}

/**
 * Whether a subscription may receive its topic: a personal topic reaches its owner chat only,
 * whatever subscriptions the store holds (delivery checks this before it queues anything).
 */
export function reachesChat(topic: string, where: { platform: string; chat: string }): boolean {
  const p = parsePersonalId(topic);
  return !p || (p.owner.platform === where.platform && p.owner.chat === where.chat);
}

export class PersonalTopicStore {
  /** Listed through a versioned index (indexed-namespace.ts): the topic catalog looks at every scheduler refresh. */
  private readonly kv: IndexedNamespace<PersonalTopic>;
  constructor(store: Store) {
    this.kv = new IndexedNamespace<PersonalTopic>(store, 'personal_topics', 'personal_topics_index');
  }

  async all(): Promise<PersonalTopic[]> {
    return [...(await this.kv.entries()).values()];
  }

  /** Changes at every write, by any process (one read). */
  version(): Promise<string> {
    return this.kv.version();
  }

  async forChat(owner: TopicOwner): Promise<PersonalTopic[]> {
    return (await this.all()).filter((p) => p.owner.platform === owner.platform && p.owner.chat === owner.chat);
  }

  async set(p: PersonalTopic): Promise<void> {
    await this.kv.set(personalId(p.owner, p.topic.id), p);
  }

  async remove(owner: TopicOwner, id: string): Promise<boolean> {
    return this.kv.delete(personalId(owner, id));
  }

  /** How many personal topics each chat has ("telegram 42" → 3), for `raqib check`. */
  async countsByChat(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const p of await this.all()) {
      const k = `${p.owner.platform} ${p.owner.chat}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  }
}
