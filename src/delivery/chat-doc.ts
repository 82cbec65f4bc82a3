// The chat document's own transitions: a fresh document, the idempotency keys it already holds,
// adding alerts to `held`, appending a message to the queue. Pure changes of one document, kept
// apart from the outbox (outbox.ts), which decides when to make them and reserves their keys in
// the same compare-and-set; here nothing reads or writes the store.
import type { ChatRef, MessageBody } from '../core/outbound.ts';
import { chatKeyOf } from './backend.ts';
import type { ChatDoc, MessageKind, QueuedMessage } from './types.ts';

export interface AlertItem {
  /** Idempotency key; alertKey() builds the usual one (chat + story). */
  key: string;
  articleId: string;
  topics: string[];
  thread?: string;
  /** Hold until then (ms), e.g. the end of a /mute. */
  notBefore?: number;
}

export function emptyChatDoc(to: Pick<ChatRef, 'platform' | 'chat'>): ChatDoc {
  return { to: { platform: to.platform, chat: to.chat }, nextSeq: 1, held: [], overflow: [], queue: [], sends: [], alertTimes: [] };
}

/** The usual alert key: one alert per chat (and thread) per story, whatever topics matched. */
export function alertKey(to: ChatRef, storyOrArticleId: string): string {
  return `a|${chatKeyOf(to)}|${encodeURIComponent(to.thread ?? '')}|${storyOrArticleId}`;
}

export function docKeys(doc: ChatDoc): Set<string> {
  const s = new Set<string>();
  for (const h of doc.held) s.add(h.key);
  for (const h of doc.overflow) s.add(h.key);
  for (const m of doc.queue) for (const k of m.keys) s.add(k);
  return s;
}

/**
 * Holds the alerts whose keys the document does not know yet and merges new topics into alerts it
 * holds already. Returns the alerts it added and whether anything changed.
 */
export function holdAlerts(doc: ChatDoc, to: ChatRef, pending: AlertItem[], now: number): { fresh: AlertItem[]; changed: boolean } {
  const known = docKeys(doc);
  let changed = false;
  for (const it of pending) {
    const held = doc.held.find((h) => h.key === it.key);
    if (held) {
      const merged = [...new Set([...held.topics, ...it.topics])];
      if (merged.length !== held.topics.length) {
        held.topics = merged;
        changed = true;
      }
    }
  }
  const fresh = pending.filter((it) => !known.has(it.key));
  for (const it of fresh) {
    doc.held.push({
      key: it.key,
      articleId: it.articleId,
      topics: [...it.topics],
      thread: it.thread ?? to.thread,
      at: now,
      notBefore: Math.max(now, it.notBefore ?? 0),
    });
  }
  return { fresh, changed: changed || fresh.length > 0 };
}

/** Appends one message to the chat's queue under the chat's next sequence number. */
export function pushMessage(
  doc: ChatDoc,
  m: { kind: MessageKind; keys: string[]; body: MessageBody; thread?: string; replyTo?: string; published?: number[] },
  now: number,
): QueuedMessage {
  const seq = doc.nextSeq++;
  const msg: QueuedMessage = {
    id: `${chatKeyOf(doc.to)}#${seq}`,
    seq,
    kind: m.kind,
    keys: m.keys,
    body: m.body,
    createdAt: now,
    attempts: 0,
    notBefore: now,
  };
  if (m.thread) msg.thread = m.thread;
  if (m.replyTo) msg.replyTo = m.replyTo;
  if (m.published?.length) msg.published = m.published;
  doc.queue.push(msg);
  return msg;
}
