// Shared pieces of the delivery tests: a renderer whose messages name their articles, a real
// ArticleStore, senders over real HTTP (telegraf → the fake Bot API), and polling helpers.
import { Telegram } from 'telegraf';
import type { ChatRef, MessageBody, OutboundMessage, Sender, SendOutcome } from '../../src/core/outbound.ts';
import type { StoredArticle } from '../../src/core/types.ts';
import type { Store } from '../../src/store/open-store.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { createTelegramSender } from '../../src/platforms/telegram/telegram-sender.ts';
import type { FakeTelegram } from '../fakes/telegram-bot-api.ts';

export function article(id: string, topics: string[] = ['iraq'], published = new Date().toISOString()): StoredArticle {
  return {
    article: { id, feedId: 'f', url: `https://example.com/${id}`, title: `title ${id}`, summary: '', text: 'x', lang: 'en', published, fetchedAt: published },
    matches: topics.map((t) => ({ id: t, score: 1, terms: [t], spans: [] })),
  };
}

export async function storeArticles(store: Store, items: StoredArticle[]): Promise<ArticleStore> {
  const a = new ArticleStore(store);
  for (const s of items) await a.put(s);
  return a;
}

/** Alert messages list their article ids as [id] so that tests can count deliveries per item. */
export function renderIds(_chat: ChatRef, stored: StoredArticle[]): MessageBody[] {
  return [{ format: 'telegram-html', html: stored.map((s) => `[${s.article.id}]`).join(' ') }];
}

export function idsIn(text: string): string[] {
  return [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
}

/** A Sender in this process that records what it was asked to send; outcomes can be scripted. */
export class RecordingSender implements Sender {
  readonly sent: { msg: OutboundMessage; at: number }[] = [];
  readonly calls: { msg: OutboundMessage; at: number }[] = [];
  script: SendOutcome[] = [];
  delayMs = 0;
  constructor(readonly platform: Sender['platform'] = 'telegram') {}
  async send(msg: OutboundMessage): Promise<SendOutcome> {
    this.calls.push({ msg, at: Date.now() });
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const o = this.script.shift() ?? { ok: true };
    if (o.ok) this.sent.push({ msg, at: Date.now() });
    return o;
  }
  texts(chat?: string): string[] {
    return this.sent.filter((s) => chat === undefined || s.msg.to.chat === chat).map((s) => bodyText(s.msg.body));
  }
}

export function bodyText(b: MessageBody): string {
  return b.format === 'telegram-html' ? b.html : b.text;
}

/** The real Telegram sender (telegraf) pointed at a fake Bot API server. */
export function telegramSenderFor(fake: FakeTelegram, timeoutMs = 2_000): Sender {
  return createTelegramSender(new Telegram(fake.token, { apiRoot: fake.url }), timeoutMs);
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export const fastLimits = {
  telegram: { globalPerSec: 1000, perChatGapMs: 10, groupPerMinute: 6000 },
  slack: { perChatGapMs: 10 },
  console: { perChatGapMs: 0 },
};

export const fastRetry = { maxAttempts: 4, maxRateLimited: 50, baseDelayMs: 20, maxDelayMs: 200 };
