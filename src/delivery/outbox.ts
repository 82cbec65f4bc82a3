// The outbox: every message is written (with its idempotency keys) before it is sent, and every
// change to a chat is one compare-and-set of its document. What it decides here: dedupe, instant
// alert batching (leading edge: a quiet chat gets its first alert at once, later ones within the
// window go out together), the alert budget and its overflow, and when a chat is next due.
// Sending is the pump's job (pump.ts); the document's own changes (keys, held alerts, queued
// messages) are chat-doc.ts's.
import type { ChatRef, MessageBody } from '../core/outbound.ts';
import type { StoredArticle } from '../core/types.ts';
import type { RaqibMetrics } from '../service/metrics.ts';
import { chatKeyOf, type OutboxBackend, type Versioned, type WriteResult } from './backend.ts';
import { chatReadyAt, DEFAULT_LIMITS } from './limits.ts';
import { addFollowUps, prepareFollowUps, type FollowUpItem, type FollowUpRenderer } from './follow-ups.ts';
import { silentLogger, type Logger } from '../log.ts';
import { docKeys, emptyChatDoc, holdAlerts, pushMessage, type AlertItem } from './chat-doc.ts';
import {
  type ChatDoc,
  type DeadLetter,
  type HeldAlert,
  type LimitsTable,
  type MessageKind,
  type OutboxCounts,
  type OutboxStats,
  type QueuedMessage,
} from './types.ts';

// The document's own transitions live in chat-doc.ts; its names stay importable from here.
export { alertKey, docKeys, emptyChatDoc, type AlertItem } from './chat-doc.ts';

/**
 * Defers a side effect of composing (a count in the store) until the write that carries the
 * messages has committed: the outbox composes inside its compare-and-set, which runs again on a
 * conflict, so an effect done while composing would be done once per try.
 */
export type AfterCommit = (effect: () => Promise<void>) => void;

/**
 * Renders one chat's batch of alerts; the articles' matches are narrowed to the chat's topics.
 * The outbox passes `after`; a renderer called on its own (no write to wait for) gets none.
 */
export type AlertRenderer = (chat: ChatRef, stored: StoredArticle[], after?: AfterCommit) => MessageBody[] | Promise<MessageBody[]>;

export interface ArticleSource {
  getMany(ids: readonly string[]): Promise<StoredArticle[]>;
}

export interface OutboxOptions {
  backend: OutboxBackend;
  articles: ArticleSource;
  makeAlertMessages: AlertRenderer;
  /** Renders follow-up replies (follow-ups.ts); default: the alert renderer on their articles. */
  makeFollowUpMessages?: FollowUpRenderer;
  /** Instant alerts to one chat within this window go out as one message (default 30 s). */
  batchWindowMs?: number;
  /** Alert messages per chat per period; past it alerts overflow into the next digest. */
  alertBudget?: { max: number; perMs: number };
  /** How long an alert waits for its article to be stored before it is given up (default 5 min). */
  missingGraceMs?: number;
  /**
   * True (default) when the digest maker puts the overflow articles it is given into its messages.
   * False for a maker that ignores them: the outbox then sends them as an alert batch right after
   * the digest, so that they are never dropped.
   */
  digestFoldsOverflow?: boolean;
  limits?: LimitsTable;
  metrics?: RaqibMetrics;
  log?: Logger;
  now?: () => number;
}

export type EnqueueResult = { status: 'queued'; ids: string[]; folded: number } | { status: 'duplicate' };

type Change = { doc: ChatDoc; reserve?: string[] } | null;

const MAX_CAS_TRIES = 100;

export class Outbox {
  readonly backend: OutboxBackend;
  readonly limits: LimitsTable;
  readonly batchWindowMs: number;
  readonly budget: { max: number; perMs: number };
  readonly missingGraceMs: number;
  readonly digestFoldsOverflow: boolean;
  readonly log: Logger;
  readonly metrics?: RaqibMetrics;
  readonly now: () => number;
  private readonly articles: ArticleSource;
  private readonly render: AlertRenderer;
  private readonly renderFollowUps: FollowUpRenderer;
  private readonly wakers = new Set<() => void>();

  constructor(o: OutboxOptions) {
    this.backend = o.backend;
    this.articles = o.articles;
    this.render = o.makeAlertMessages;
    this.renderFollowUps =
      o.makeFollowUpMessages ??
      ((chat, items) =>
        this.render(
          chat,
          items.map((v) => v.stored),
        ));
    this.batchWindowMs = o.batchWindowMs ?? 30_000;
    this.budget = o.alertBudget ?? { max: 20, perMs: 3_600_000 };
    this.missingGraceMs = o.missingGraceMs ?? 300_000;
    this.digestFoldsOverflow = o.digestFoldsOverflow ?? true;
    this.limits = o.limits ?? DEFAULT_LIMITS;
    this.metrics = o.metrics;
    this.log = o.log ?? silentLogger;
    this.now = o.now ?? Date.now;
  }

  /** Called whenever this process adds work, so that a local pump starts at once. */
  onWork(fn: () => void): () => void {
    this.wakers.add(fn);
    return () => this.wakers.delete(fn);
  }
  wake(): void {
    for (const w of this.wakers) w();
  }

  /** Queues messages under one idempotency key; a key seen before queues nothing. */
  async enqueue(to: ChatRef, bodies: MessageBody[], opts: { key: string; kind?: MessageKind }): Promise<EnqueueResult> {
    return this.enqueueFolding(to, opts.key, opts.kind ?? 'notice', async () => bodies, false);
  }

  /**
   * Queues a digest under `key` (subscription + window). The chat's overflowed alerts for the same
   * thread are handed to `build` so that the digest folds them in; they leave the overflow in the
   * same write that queues the digest.
   */
  async enqueueDigest(to: ChatRef, key: string, build: (overflow: StoredArticle[]) => Promise<MessageBody[]>): Promise<EnqueueResult> {
    return this.enqueueFolding(to, key, 'digest', build, true);
  }

  private async enqueueFolding(
    to: ChatRef,
    key: string,
    kind: MessageKind,
    build: (overflow: StoredArticle[]) => Promise<MessageBody[]>,
    fold: boolean,
  ): Promise<EnqueueResult> {
    const chatKey = chatKeyOf(to);
    let out: EnqueueResult = { status: 'duplicate' };
    let built: { stamp: string; bodies: MessageBody[]; effects: (() => Promise<void>)[] } | undefined;
    const r = await this.update(chatKey, to, async (doc, now, after) => {
      if (docKeys(doc).has(key) || (await this.backend.reserved([key])).length > 0) return null;
      const taken = fold ? doc.overflow.filter((h) => (h.thread ?? '') === (to.thread ?? '')) : [];
      // Rebuild only when the folded overflow changed since the last try (CAS conflicts).
      const stamp = taken.map((h) => h.key).join('\n');
      if (!built || built.stamp !== stamp) {
        const overflow = await this.load(taken);
        const bodies = await build(overflow);
        const effects: (() => Promise<void>)[] = [];
        // Unless the digest maker folds the overflow in itself, it follows the digest as one alert
        // batch in the same write: held alerts are never dropped, whatever the maker does.
        if (overflow.length > 0 && !this.digestFoldsOverflow) bodies.push(...(await this.render(to, overflow, (e) => effects.push(e))));
        built = { stamp, bodies, effects };
      }
      // A reused build's effects belong to whichever try commits.
      for (const e of built.effects) after(e);
      const takenKeys = new Set(taken.map((h) => h.key));
      doc.overflow = doc.overflow.filter((h) => !takenKeys.has(h.key));
      const keys = [key, ...takenKeys];
      const ids = built.bodies.map((body) => this.push(doc, { kind, keys, body, thread: to.thread }, now).id);
      out = { status: 'queued', ids, folded: taken.length };
      return { doc, reserve: [key] };
    });
    if (r?.ok) this.wake();
    else out = { status: 'duplicate' };
    return out;
  }

  /** Adds instant alerts for one chat. Keys seen before are dropped; returns what was added. */
  async alert(to: ChatRef, items: AlertItem[]): Promise<{ added: number; duplicates: number }> {
    const chatKey = chatKeyOf(to);
    const byKey = new Map<string, AlertItem>();
    for (const it of items) {
      const prev = byKey.get(it.key);
      byKey.set(it.key, prev ? { ...prev, topics: [...new Set([...prev.topics, ...it.topics])] } : it);
    }
    let pending = [...byKey.values()];
    let duplicates = items.length - pending.length;
    let added = 0;
    for (let i = 0; i < MAX_CAS_TRIES && pending.length > 0; i++) {
      let fresh: AlertItem[] = [];
      const r = await this.update(chatKey, to, (doc, now) => {
        const held = holdAlerts(doc, to, pending, now);
        fresh = held.fresh;
        if (!held.changed) return null;
        return { doc, reserve: fresh.map((it) => it.key) };
      });
      if (r === null || r.ok) {
        added += fresh.length;
        duplicates += pending.length - fresh.length;
        if (r?.ok) this.wake();
        return { added, duplicates };
      }
      if (r.reason === 'duplicate') {
        const dup = new Set(r.keys);
        duplicates += dup.size;
        pending = pending.filter((it) => !dup.has(it.key));
      }
    }
    return { added, duplicates };
  }

  /** Holds follow-ups for one chat (follow-ups.ts): kept only for stories that alerted it. */
  async followUps(to: ChatRef, items: FollowUpItem[]): Promise<{ added: number; duplicates: number }> {
    const r = await addFollowUps(this, to, items);
    this.metrics?.followUpsHeld.inc(undefined, r.added);
    return r;
  }

  /** Turns held alerts, overflow and follow-ups into messages once their time has come (called by the pump). */
  async prepare(chatKey: string): Promise<void> {
    await this.update(chatKey, undefined, async (doc, now, after) => {
      const alerted = await this.prepareAlerts(doc, now, after);
      // After the alerts: a follow-up to an alert queued just now waits for it to be sent.
      const followed = await prepareFollowUps(this, doc, now, this.renderFollowUps);
      return alerted || followed ? { doc } : null;
    });
  }

  private async prepareAlerts(doc: ChatDoc, now: number, after: AfterCommit): Promise<boolean> {
    const ready = doc.held.filter((h) => !h.followUp && h.notBefore <= now);
    const flushHeld = ready.length > 0 && now >= this.heldFlushAt(doc, ready);
    const flushOverflow = doc.overflow.length > 0 && now >= this.overflowReleaseAt(doc, now);
    if (!flushHeld && !flushOverflow) return false;
    doc.alertTimes = doc.alertTimes.filter((t) => t > now - this.budget.perMs);
    if (flushHeld) {
      const readyKeys = new Set(ready.map((h) => h.key));
      doc.held = doc.held.filter((h) => !readyKeys.has(h.key));
      if (doc.alertTimes.length < this.budget.max) doc.held.push(...(await this.queueAlerts(doc, ready, 'alert', now, after)));
      else doc.overflow.push(...ready);
    }
    if (doc.overflow.length > 0 && now >= this.overflowReleaseAt(doc, now)) {
      doc.overflow = await this.queueAlerts(doc, doc.overflow, 'overflow', now, after);
    }
    return true;
  }

  /**
   * Queues one message (per thread) for the items whose articles are stored and returns the items
   * to keep waiting: an alert can be queued a moment before its article is stored (the pipeline
   * queues first so that a crash never skips an alert), so a missing article gets a grace period.
   */
  private async queueAlerts(doc: ChatDoc, items: HeldAlert[], kind: MessageKind, now: number, after: AfterCommit): Promise<HeldAlert[]> {
    const found = await this.fetch(items);
    const usable = items.filter((h) => found.has(h.articleId));
    const waiting = items.filter((h) => !found.has(h.articleId) && now - h.at < this.missingGraceMs).map((h) => ({ ...h, notBefore: now + 1_000 }));
    const lost = items.length - usable.length - waiting.length;
    if (lost > 0) this.log.warn({ chat: doc.to, lost }, 'alert articles are not stored (purged?); sending the rest');
    if (usable.length === 0) return waiting;
    const threads = new Map<string, HeldAlert[]>();
    for (const h of usable) threads.set(h.thread ?? '', [...(threads.get(h.thread ?? '') ?? []), h]);
    for (const [thread, group] of threads) {
      const to: ChatRef = { ...doc.to, ...(thread ? { thread } : {}) };
      const bodies = await this.render(to, this.narrow(group, found), after);
      const keys = group.map((h) => h.key);
      const published = group.map((h) => Date.parse(found.get(h.articleId)!.article.published)).filter((t) => Number.isFinite(t));
      bodies.forEach((body, i) => this.push(doc, { kind, keys, body, thread: thread || undefined, ...(i === 0 ? { published } : {}) }, now));
    }
    doc.alertTimes.push(now);
    doc.lastAlertAt = now;
    return waiting;
  }

  push(
    doc: ChatDoc,
    m: { kind: MessageKind; keys: string[]; body: MessageBody; thread?: string; replyTo?: string; published?: number[] },
    now: number,
  ): QueuedMessage {
    return pushMessage(doc, m, now);
  }

  async fetch(items: HeldAlert[]): Promise<Map<string, StoredArticle>> {
    if (items.length === 0) return new Map();
    return new Map((await this.articles.getMany([...new Set(items.map((h) => h.articleId))])).map((s) => [s.article.id, s]));
  }

  /** The articles behind alerts, oldest alert first, narrowed to the topics that brought each here. */
  private narrow(items: HeldAlert[], found: Map<string, StoredArticle>): StoredArticle[] {
    const out: StoredArticle[] = [];
    for (const h of [...items].sort((a, b) => a.at - b.at)) {
      const s = found.get(h.articleId);
      if (!s) continue;
      const mine = s.matches.filter((m) => h.topics.includes(m.id));
      out.push({ ...s, matches: mine.length > 0 ? mine : s.matches });
    }
    return out;
  }

  private async load(items: HeldAlert[]): Promise<StoredArticle[]> {
    return this.narrow(items, await this.fetch(items));
  }

  /**
   * Held alerts become a message once the window since the last alert message has passed AND the
   * chat could take a message now (nothing queued, its rate limits met). Alerts that arrive while a
   * chat is throttled (a group's 20 a minute, a 429) therefore merge into one message instead of
   * queueing many small ones behind each other.
   */
  heldFlushAt(doc: ChatDoc, ready: HeldAlert[]): number {
    const first = Math.min(...ready.map((h) => h.notBefore));
    return Math.max(first, (doc.lastAlertAt ?? -Infinity) + this.batchWindowMs, this.chatFreeAt(doc));
  }

  private chatFreeAt(doc: ChatDoc): number {
    return doc.queue.length > 0 || doc.claim ? Infinity : chatReadyAt(doc, this.limits);
  }

  /** When the alert budget has room again (now when it has room already). */
  budgetFreeAt(doc: ChatDoc, now: number): number {
    const recent = doc.alertTimes.filter((t) => t > now - this.budget.perMs);
    return recent.length < this.budget.max ? now : recent[recent.length - this.budget.max]! + this.budget.perMs;
  }

  private overflowReleaseAt(doc: ChatDoc, now: number): number {
    return Math.max(this.budgetFreeAt(doc, now), (doc.lastAlertAt ?? -Infinity) + this.batchWindowMs, this.chatFreeAt(doc));
  }

  /** When the chat next needs attention; null when it has nothing to do. */
  dueOf(doc: ChatDoc, now: number): number | null {
    if (doc.claim) return doc.claim.until;
    let due = Infinity;
    const head = doc.queue[0];
    if (head) due = Math.max(head.notBefore, chatReadyAt(doc, this.limits));
    const ready = doc.held;
    if (ready.length > 0) due = Math.min(due, this.heldFlushAt(doc, ready));
    if (doc.overflow.length > 0) due = Math.min(due, this.overflowReleaseAt(doc, now));
    return due === Infinity ? null : due;
  }

  countsOf(doc: ChatDoc): OutboxCounts {
    return { queued: doc.queue.length, held: doc.held.length, overflow: doc.overflow.length };
  }

  /**
   * Read, change, compare-and-set, until it sticks. `fn` gets a private copy and returns the new
   * document (or null for "no change"). Duplicate reservations are returned, not retried. What
   * `fn` hands to `after` runs once, after the write that commits (a failed effect is logged).
   * `known` is a state this caller wrote itself: the first try starts from it and skips the read
   * (one store round trip instead of two, which matters right after a send).
   */
  async update(
    chatKey: string,
    to: ChatRef | undefined,
    fn: (doc: ChatDoc, now: number, after: AfterCommit) => Change | Promise<Change>,
    known?: Versioned<ChatDoc>,
  ): Promise<(WriteResult & { doc?: ChatDoc }) | null> {
    for (let i = 0; i < MAX_CAS_TRIES; i++) {
      const cur = i === 0 && known ? { version: known.version, doc: structuredClone(known.doc) } : await this.backend.read(chatKey);
      if (!cur && !to) return null;
      const doc = cur?.doc ?? emptyChatDoc(to!);
      const now = this.now();
      const effects: (() => Promise<void>)[] = [];
      const change = await fn(doc, now, (e) => effects.push(e));
      if (!change) return null;
      const r = await this.backend.write(chatKey, cur?.version ?? 0, change.doc, {
        dueAt: this.dueOf(change.doc, now),
        reserve: change.reserve,
        counts: this.countsOf(change.doc),
      });
      if (r.ok) {
        await this.runEffects(chatKey, effects);
        return { ...r, doc: change.doc };
      }
      if (r.reason === 'duplicate') return r;
    }
    throw new Error(`outbox: chat ${chatKey} kept changing under ${MAX_CAS_TRIES} tries`);
  }

  private async runEffects(chatKey: string, effects: (() => Promise<void>)[]): Promise<void> {
    const failed = (err: unknown) =>
      this.log.warn({ chat: chatKey, err: (err as Error).message }, 'a side effect of a queued message failed (it stays queued)');
    for (const e of effects) await e().catch(failed);
  }

  async chat(to: Pick<ChatRef, 'platform' | 'chat'>): Promise<ChatDoc | undefined> {
    return (await this.backend.read(chatKeyOf(to)))?.doc;
  }

  /** Messages waiting to be sent, over all chats and instances. */
  async queueDepth(): Promise<number> {
    return (await this.backend.totals()).queued;
  }

  /** For /status and /metrics. */
  async stats(): Promise<OutboxStats> {
    const [t, dead] = await Promise.all([this.backend.totals(), this.backend.deadCount()]);
    return { ...t, dead };
  }

  /** Newest first. */
  async deadLetters(limit = 20): Promise<DeadLetter[]> {
    return this.backend.listDead(limit);
  }
}
