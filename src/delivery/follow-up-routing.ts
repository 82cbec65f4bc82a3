// Which chats follow up a joined article: every instant subscription whose topic the article
// matched, that did not turn follow-ups off and whose own exclude terms the article lacks. Whether the story alerted that chat is decided by
// the outbox (follow-ups.ts), which knows what it sent.
import type { ChatRef } from '../core/outbound.ts';
import type { StoryJoin } from '../core/types.ts';
import type { Subscription } from '../store/subscription-store.ts';
import { chatKeyOf } from './backend.ts';
import type { FollowUpItem } from './follow-ups.ts';
import { alertKey } from './chat-doc.ts';
import { excludedBy } from '../topics/exclude-terms.ts';

export function followUpsByChat(joins: readonly StoryJoin[], instantSubs: readonly Subscription[], now: number): { to: ChatRef; items: FollowUpItem[] }[] {
  const perChat = new Map<string, { to: ChatRef; items: FollowUpItem[] }>();
  for (const { stored, changed } of joins) {
    if (!stored.storyId) continue;
    const topics = new Set(stored.matches.map((m) => m.id));
    for (const sub of instantSubs) {
      if (sub.followUps === 'off' || !topics.has(sub.topic) || excludedBy(sub.exclude, stored.article)) continue;
      const to: ChatRef = { platform: sub.platform, chat: sub.chat, ...(sub.thread ? { thread: sub.thread } : {}) };
      const id = `${chatKeyOf(to)}|${to.thread ?? ''}`;
      let entry = perChat.get(id);
      if (!entry) perChat.set(id, (entry = { to, items: [] }));
      const muted = sub.mutedUntil ? Date.parse(sub.mutedUntil) : NaN;
      const prev = entry.items.find((it) => it.articleId === stored.article.id);
      if (prev) {
        // Two subscriptions of one chat: one follow-up, their topics merged.
        prev.topics = [...new Set([...prev.topics, sub.topic])];
        continue;
      }
      entry.items.push({
        alertKey: alertKey(to, stored.storyId),
        storyId: stored.storyId,
        articleId: stored.article.id,
        topics: [sub.topic],
        ...(to.thread ? { thread: to.thread } : {}),
        ...(Number.isFinite(muted) && muted > now ? { notBefore: muted } : {}),
        ...(changed?.length ? { changed } : {}),
      });
    }
  }
  return [...perChat.values()];
}
