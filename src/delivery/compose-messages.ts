// What delivery sends, composed from digests: an alert batch for a chat, and a subscription's
// scheduled digest with the alerts that went over the chat's budget folded in. The language
// choice lives here because delivery knows the chats: a chat's /lang choice first, else the
// language of the subscription (or, for an alert batch, of the chat's first subscription that
// has one), else English.
import type { ChatRef, MessageBody, MessageImage } from '../core/outbound.ts';
import { safeHttpUrl } from '../digest/escape.ts';
import type { StoredArticle, TopicDef } from '../core/types.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { Subscription, SubscriptionStore } from '../store/subscription-store.ts';
import type { ChatPrefsStore } from '../store/chat-prefs-store.ts';
import type { StoryIndex } from '../stories/story-index.ts';
import { alertDigest, buildDigest, digestActions, toMessageBodies, type Digest, type UiLang } from '../digest/index.ts';
import { sealAll, type ButtonCodec } from '../core/button-codec.ts';
import type { Sealer } from '../core/buttons.ts';
import type { FeedbackStore } from '../store/feedback-store.ts';
import { followUpBodies } from '../digest/follow-up.ts';
import type { AlertRenderer } from './outbox.ts';
import type { FollowUpRenderer } from './follow-ups.ts';
import type { DigestMaker } from './router.ts';
import { excludedBy } from '../topics/exclude-terms.ts';

export interface ComposerDeps {
  /** The effective topics, read at each message (runtime /watch changes apply at once). */
  topics: () => readonly TopicDef[];
  articles: ArticleStore;
  stories?: StoryIndex;
  subscriptions: Pick<SubscriptionStore, 'forChat'>;
  /** The chats' /lang choices; without it, subscriptions decide. */
  chatPrefs?: Pick<ChatPrefsStore, 'lang'>;
  feedName?: (feedId: string) => string | undefined;
  /** settings.digestSize: most stories in one digest (default 10). */
  maxStories?: number;
  /** Seals the stories' buttons (👍 / 👎 / Why? / Mute 6h); without it messages carry none. */
  buttons?: ButtonCodec;
  /** Counts the alerts sent per topic, for /topic's "41 alerts · 👍 12 · 👎 3". */
  alertCounts?: Pick<FeedbackStore, 'countAlerts'>;
  now?: () => number;
}

export interface MessageComposer {
  makeAlertMessages: AlertRenderer;
  makeFollowUpMessages: FollowUpRenderer;
  makeDigestMessages: DigestMaker;
}

export function createMessageComposer(d: ComposerDeps): MessageComposer {
  const common = () => ({ topicDefs: d.topics(), ...(d.feedName ? { feedName: d.feedName } : {}) });
  const topicsOf = (sub: Subscription) => [sub.topic];
  const chosen = async (chat: { platform: string; chat: string }): Promise<UiLang | undefined> => d.chatPrefs?.lang(chat);
  const chatLang = async (chat: { platform: Subscription['platform']; chat: string }): Promise<UiLang> =>
    (await chosen(chat)) ?? (await d.subscriptions.forChat(chat.platform, chat.chat)).find((s) => s.lang)?.lang ?? 'en';
  return {
    async makeAlertMessages(chat, stored, after) {
      const ids = [...new Set(stored.flatMap((s) => s.matches.map((m) => m.id)))];
      const lang = await chatLang(chat);
      // Times in the zone of the chat's subscription to the first matched topic.
      const subs = await d.subscriptions.forChat(chat.platform, chat.chat);
      const timezone = (subs.find((s) => ids.includes(s.topic)) ?? subs[0])?.timezone;
      const alert = alertDigest(stored, { topics: ids, ...common(), lang, ...(timezone ? { timezone } : {}) });
      // Counted once the outbox has written the messages (this render may be one of several tries).
      if (after) after(() => countAlerts(d, alert));
      else await countAlerts(d, alert);
      const bodies = toMessageBodies(alert, chat.platform, { scheduled: true, ...(await sealerFor(d, alert)) });
      const image = await alertImage(d, chat, stored);
      return image && bodies.length > 0 ? [{ ...bodies[0]!, image }, ...bodies.slice(1)] : bodies;
    },
    // A follow-up that cannot be threaded names its story by the story's first headline.
    async makeFollowUpMessages(chat, items, replyTo) {
      const lang = await chatLang(chat);
      const followsTitle = replyTo || !d.stories ? undefined : (await d.stories.get(items[0]!.storyId))?.title;
      return followUpBodies(items, chat.platform, { lang, ...(d.feedName ? { feedName: d.feedName } : {}), ...(followsTitle ? { followsTitle } : {}) });
    },
    async makeDigestMessages(sub, window, overflow: StoredArticle[]): Promise<MessageBody[]> {
      const lang = (await chosen(sub)) ?? sub.lang ?? 'en';
      const digest = await buildDigest({
        topics: topicsOf(sub),
        ...window,
        articles: d.articles,
        ...(d.stories ? { stories: d.stories } : {}),
        ...(d.maxStories ? { maxStories: d.maxStories } : {}),
        ...(sub.exclude?.length ? { keep: (s: StoredArticle) => !excludedBy(sub.exclude, s.article) } : {}),
        ...common(),
        lang,
      });
      const bodies = toMessageBodies(digest, sub.platform, { scheduled: true, ...(await sealerFor(d, digest)) });
      const kept = overflow.filter((s) => !excludedBy(sub.exclude, s.article));
      if (kept.length === 0) return bodies;
      const extra = alertDigest(kept, { topics: topicsOf(sub), ...common(), lang, timezone: sub.timezone });
      return [...bodies, ...toMessageBodies(extra, sub.platform, { scheduled: true, ...(await sealerFor(d, extra)) })];
    },
  };
}

/**
 * The article's picture for an alert about one article, unless a subscription that brought it
 * here turned pictures off (`images: false`). A batch of several articles goes without: one
 * article's picture would seem to belong to all of them.
 */
async function alertImage(d: ComposerDeps, chat: ChatRef, stored: StoredArticle[]): Promise<MessageImage | undefined> {
  if (stored.length !== 1) return undefined;
  const a = stored[0]!.article;
  const url = safeHttpUrl(a.image);
  if (!url) return undefined;
  const topics = new Set(stored[0]!.matches.map((m) => m.id));
  const subs = (await d.subscriptions.forChat(chat.platform, chat.chat)).filter((s) => (s.thread ?? '') === (chat.thread ?? '') && topics.has(s.topic));
  if (subs.some((s) => s.images === false)) return undefined;
  return { kind: 'url', url, alt: a.title };
}

/** The digest's button actions sealed (when buttons are wired), for the renderers. */
async function sealerFor(d: ComposerDeps, digest: Digest): Promise<{ seal?: Sealer }> {
  if (!d.buttons || digest.empty) return {};
  return { seal: await sealAll(d.buttons, digestActions(digest)) };
}

/** One alert per story, counted under the story's first topic. */
async function countAlerts(d: ComposerDeps, digest: Digest): Promise<void> {
  if (!d.alertCounts || digest.empty) return;
  const perTopic: Record<string, number> = {};
  for (const s of digest.stories) {
    const topic = s.topics[0];
    if (topic) perTopic[topic] = (perTopic[topic] ?? 0) + 1;
  }
  await d.alertCounts.countAlerts(perTopic, (d.now ?? Date.now)());
}
