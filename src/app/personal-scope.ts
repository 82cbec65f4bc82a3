// The services as one chat sees them: the global topics plus that chat's personal topics, under
// the ids the chat typed. Every topic id going in is turned into the matcher's id (personalId)
// when it names one of the chat's personal topics, and every id coming out back into the chat's,
// so commands never see an owner-naming id and no chat can name another chat's topic.
import type { ChatAddress, CommandServices, WatchChange } from '../../commands/types.ts';
import type { TopicDef } from '../core/types.ts';
import { parsePersonalId, personalId, type TopicOwner } from '../store/personal-topic-store.ts';

/** One chat's personal topics under its own ids (TopicCatalog.personalOf). */
export type PersonalOf = (owner: TopicOwner) => TopicDef[];

export function scopeToChat(base: CommandServices, where: ChatAddress, personalOf: PersonalOf): CommandServices {
  const owner: TopicOwner = { platform: where.platform, chat: where.chat };
  const mine = () => personalOf(owner);
  const own = () => new Set(mine().map((t) => t.id));
  const inner = (id: string) => (own().has(id) ? personalId(owner, id) : id);
  const outer = (id: string) => {
    const p = parsePersonalId(id);
    return p && p.owner.platform === owner.platform && p.owner.chat === owner.chat ? p.id : id;
  };
  const innerChange = (c: WatchChange): WatchChange => {
    if (c.kind !== 'put') return { ...c, id: inner(c.id) };
    const id = c.personal || own().has(c.topic.id) ? personalId(owner, c.topic.id) : c.topic.id;
    return { ...c, topic: { ...c.topic, id } };
  };
  const subs = base.subscriptions;
  return {
    ...base,
    // A global topic added after a chat's own of the same id stays hidden in that chat.
    topics: async () => {
      const ids = own();
      return [...(await base.topics()).filter((t) => !ids.has(t.id)), ...mine()];
    },
    digest: (req) => base.digest({ ...req, topics: req.topics.map(inner) }),
    trend: (req) => base.trend({ ...req, topics: req.topics.map(inner) }),
    topicHits: (topic, sinceMs, untilMs) => base.topicHits(inner(topic), sinceMs, untilMs),
    topicLatest: (topic, sinceMs, untilMs, limit) => base.topicLatest(inner(topic), sinceMs, untilMs, limit),
    subscriptions: {
      list: async (w) => (await subs.list(w)).map((s) => ({ ...s, topic: outer(s.topic) })),
      put: (w, sub) => subs.put(w, { ...sub, topic: inner(sub.topic) }),
      // A subscription may outlive its personal topic (raqib reset --topics): it can still go.
      remove: async (w, topic) => (await subs.remove(w, inner(topic))) || subs.remove(w, personalId(owner, topic)),
      mute: async (w, topic, untilIso) => (await subs.mute(w, inner(topic), untilIso)) || subs.mute(w, personalId(owner, topic), untilIso),
    },
    watch: {
      ...base.watch,
      remove: (id) => base.watch.remove(inner(id)),
      preview: (change, sinceMs, untilMs) => base.watch.preview(innerChange(change), sinceMs, untilMs),
      apply: (change, by) => base.watch.apply(innerChange(change), by),
    },
  };
}
