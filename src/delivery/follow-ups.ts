// Follow-ups: "never silent". When an article joins a story a chat was already alerted to, the chat
// gets a reply to that alert (a Slack thread reply, a Telegram reply) saying what is new. They
// live in the chat's document like alerts do, so every step is one compare-and-set:
// - held: a follow-up waits in `held` (marked `followUp`) for the chat's batch window, like an
//   alert; follow-ups to one alert message within a window go out as one reply;
// - the alert's message id is recorded in `replies` by the very write that marks the alert sent
//   (pump.ts), so a follow-up never reads a half-known state;
// - an alert still held or queued in this chat holds its follow-ups back until it is sent (they
//   then reply to it); an alert whose id is unknown (sent before ids were kept, dead-lettered,
//   the record pruned) gets its follow-up as a plain message whose renderer names the story
//   ("Follow-up to: <headline>"): late or unthreaded, never dropped;
// - idempotent: one key per (chat, thread, story, article), reserved like alert keys, so an
//   article offered again after a crash never follows up twice.
import type { ChatRef, MessageBody } from '../core/outbound.ts';
import type { ChangedField, StoredArticle } from '../core/types.ts';
import { chatKeyOf } from './backend.ts';
import { docKeys } from './chat-doc.ts';
import type { Outbox } from './outbox.ts';
import type { ChatDoc, HeldAlert } from './types.ts';

/** A joined article to follow up in one chat. */
export interface FollowUpItem {
  /** The alert it follows: alertKey(chat, storyId). */
  alertKey: string;
  storyId: string;
  articleId: string;
  topics: string[];
  thread?: string;
  /** Hold until then (ms): the end of a /mute. */
  notBefore?: number;
  changed?: ChangedField[];
}

/** One follow-up as its renderer sees it. */
export interface FollowUpView {
  stored: StoredArticle;
  storyId: string;
  changed: ChangedField[];
}

/**
 * Renders one reply: the follow-ups of one chat (and thread) to one alert message within a batch
 * window. `replyTo` is undefined when the alert's message is unknown: the body must then say which
 * story it follows.
 */
export type FollowUpRenderer = (chat: ChatRef, items: FollowUpView[], replyTo: string | undefined) => MessageBody[] | Promise<MessageBody[]>;

/** Sent alert ids are kept this long and at most this many per chat, or one whole batch if larger (the document stays small). */
export const REPLY_TTL_MS = 3 * 86_400_000;
export const MAX_REPLIES = 300;

export function followUpKey(to: ChatRef, storyId: string, articleId: string): string {
  return `f|${chatKeyOf(to)}|${encodeURIComponent(to.thread ?? '')}|${storyId}|${articleId}`;
}

/**
 * After a successful send: remember the platform id under each alert key the message carried. The
 * keys of the message just sent are all kept, past the bound if need be: cutting a batch larger
 * than the bound dropped stories at random, and the batch's later parts (each carries all its
 * keys) put them back under their own ids, so follow-ups replied to a part without their story.
 */
export function recordReply(doc: ChatDoc, keys: readonly string[], id: string, now: number): void {
  const alertKeys = new Set(keys.filter((k) => k.startsWith('a|')));
  if (alertKeys.size === 0) return;
  const replies = { ...(doc.replies ?? {}) };
  // An alert split into several messages: the first one is the one to answer.
  for (const k of alertKeys) replies[k] ??= { id, at: now };
  const live = Object.entries(replies).filter(([, r]) => r.at > now - REPLY_TTL_MS);
  const others = live
    .filter(([k]) => !alertKeys.has(k))
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, Math.max(0, MAX_REPLIES - alertKeys.size));
  doc.replies = Object.fromEntries([...live.filter(([k]) => alertKeys.has(k)), ...others]);
}

/** Alert keys this chat has not sent yet (held, over budget, or queued). */
function pendingAlertKeys(doc: ChatDoc): Set<string> {
  const s = new Set<string>();
  for (const h of doc.held) if (!h.followUp) s.add(h.key);
  for (const h of doc.overflow) s.add(h.key);
  for (const m of doc.queue) for (const k of m.keys) s.add(k);
  return s;
}

/**
 * Holds follow-ups for one chat. An item is kept only when its story alerted this chat: the alert
 * is in the chat's document or its key is reserved (sent within the reservation TTL). Keys seen
 * before are dropped. Returns what was added.
 */
export async function addFollowUps(ob: Outbox, to: ChatRef, items: FollowUpItem[]): Promise<{ added: number; duplicates: number }> {
  let pending = new Map(items.map((it) => [followUpKey({ ...to, ...(it.thread ? { thread: it.thread } : {}) }, it.storyId, it.articleId), it]));
  let duplicates = items.length - pending.size;
  for (let i = 0; i < 100 && pending.size > 0; i++) {
    let fresh: [string, FollowUpItem][] = [];
    const r = await ob.update(chatKeyOf(to), to, async (doc, now) => {
      const known = docKeys(doc);
      const candidates = [...pending].filter(([k]) => !known.has(k));
      const unknownAlerts = [...new Set(candidates.map(([, it]) => it.alertKey))].filter((k) => !known.has(k));
      const reserved = new Set(unknownAlerts.length > 0 ? await ob.backend.reserved(unknownAlerts) : []);
      fresh = candidates.filter(([, it]) => known.has(it.alertKey) || reserved.has(it.alertKey));
      if (fresh.length === 0) return null;
      for (const [key, it] of fresh) {
        const followUp = { alertKey: it.alertKey, storyId: it.storyId, ...(it.changed?.length ? { changed: it.changed } : {}) };
        doc.held.push({
          key,
          articleId: it.articleId,
          topics: [...it.topics],
          thread: it.thread ?? to.thread,
          at: now,
          notBefore: Math.max(now, it.notBefore ?? 0),
          followUp,
        });
      }
      return { doc, reserve: fresh.map(([k]) => k) };
    });
    if (r === null || r.ok) {
      if (r?.ok) ob.wake();
      return { added: fresh.length, duplicates: duplicates + pending.size - fresh.length };
    }
    if (r.reason === 'duplicate') {
      // Followed up before (sent, so no longer in the document): drop those and try the rest.
      for (const k of r.keys) if (pending.delete(k)) duplicates++;
      pending = new Map(pending);
    }
  }
  return { added: 0, duplicates };
}

/**
 * Turns ready follow-ups into reply messages once the chat's batch window has passed and the chat
 * is free (called inside Outbox.prepare's write). Returns whether the document changed.
 */
export async function prepareFollowUps(ob: Outbox, doc: ChatDoc, now: number, render: FollowUpRenderer): Promise<boolean> {
  const ready = doc.held.filter((h) => h.followUp && h.notBefore <= now);
  if (ready.length === 0 || now < ob.heldFlushAt(doc, ready)) return false;
  const budgetAt = ob.budgetFreeAt(doc, now);
  if (budgetAt > now) {
    // Over the chat's alert budget: follow-ups wait for room (they are never folded away).
    for (const h of ready) h.notBefore = budgetAt;
    return true;
  }
  const pending = pendingAlertKeys(doc);
  const go = ready.filter((h) => !pending.has(h.followUp!.alertKey));
  // Waiting for its alert: look again after the window, or when a muted alert is released.
  for (const h of ready) {
    if (!pending.has(h.followUp!.alertKey)) continue;
    const alert = doc.held.find((x) => x.key === h.followUp!.alertKey);
    h.notBefore = Math.max(now + ob.batchWindowMs, alert?.notBefore ?? 0);
  }
  const found = await ob.fetch(go);
  const gone = new Set<string>();
  for (const h of go) {
    if (found.has(h.articleId)) continue;
    if (now - h.at < ob.missingGraceMs) h.notBefore = now + 1_000;
    else gone.add(h.key);
  }
  if (gone.size > 0) ob.log.warn({ chat: doc.to, lost: gone.size }, 'follow-up articles are not stored (purged?); sending the rest');
  const usable = go.filter((h) => found.has(h.articleId));
  await queueReplies(ob, doc, usable, found, now, render);
  const done = new Set([...usable.map((h) => h.key), ...gone]);
  doc.held = doc.held.filter((h) => !done.has(h.key));
  if (usable.length > 0) {
    doc.alertTimes.push(now);
    doc.lastAlertAt = now;
  }
  return true;
}

/** One message (or more, if long) per thread and alert answered (or story), oldest follow-up first. */
async function queueReplies(
  ob: Outbox,
  doc: ChatDoc,
  usable: HeldAlert[],
  found: Map<string, StoredArticle>,
  now: number,
  render: FollowUpRenderer,
): Promise<void> {
  const groups = new Map<string, { thread: string; replyTo: string | undefined; items: HeldAlert[] }>();
  for (const h of [...usable].sort((a, b) => a.at - b.at)) {
    const replyTo = doc.replies?.[h.followUp!.alertKey]?.id;
    // Unthreaded follow-ups name their story: one message per story then.
    const id = `${h.thread ?? ''}\n${replyTo ?? `story:${h.followUp!.storyId}`}`;
    const g = groups.get(id) ?? { thread: h.thread ?? '', replyTo, items: [] };
    g.items.push(h);
    groups.set(id, g);
  }
  for (const g of groups.values()) {
    const to: ChatRef = { ...doc.to, ...(g.thread ? { thread: g.thread } : {}) };
    const views = g.items.map((h) => ({
      stored: narrowTo(found.get(h.articleId)!, h.topics),
      storyId: h.followUp!.storyId,
      changed: h.followUp!.changed ?? [],
    }));
    const bodies = await render(to, views, g.replyTo);
    const keys = g.items.map((h) => h.key);
    for (const body of bodies) ob.push(doc, { kind: 'followUp', keys, body, thread: g.thread || undefined, replyTo: g.replyTo }, now);
  }
}

function narrowTo(s: StoredArticle, topics: string[]): StoredArticle {
  const mine = s.matches.filter((m) => topics.includes(m.id));
  return { ...s, matches: mine.length > 0 ? mine : s.matches };
}
