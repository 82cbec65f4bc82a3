// The outbox's durable shapes. Everything about one chat (its queue, its held alerts, the times of
// its recent sends) lives in ONE document, so that every state change of a chat is one atomic
// write: a compare-and-set on Redis, a serialised write on SQLite. Nothing about a chat is ever
// decided from two separate records.
import type { ChatRef, MessageBody, PlatformName } from '../core/outbound.ts';
import type { ChangedField } from '../core/types.ts';

/** One instant alert waiting for its chat's batch window (or held by mute / a spent budget). */
export interface HeldAlert {
  /** Idempotency key: chat + story (or article) id. */
  key: string;
  articleId: string;
  /** Slack thread_ts / Telegram message_thread_id of the subscription. */
  thread?: string;
  /** Topics of this chat that matched the article; merged when several subscriptions match. */
  topics: string[];
  /** When it was enqueued (ms). */
  at: number;
  /** Not before this time (ms): the end of a /mute. */
  notBefore: number;
  /** Set when this is a follow-up (an article joined a story this chat was alerted to). */
  followUp?: FollowUpInfo;
}

/** What a held follow-up needs to find its alert and say what is new. */
export interface FollowUpInfo {
  /** The key of the alert it follows (alertKey: chat + thread + story). */
  alertKey: string;
  storyId: string;
  /** Event details the joining article added or changed ("killed: 5"), already in words. */
  changed?: ChangedField[];
}

export type MessageKind = 'alert' | 'digest' | 'overflow' | 'notice' | 'followUp';

export interface QueuedMessage {
  /** `${chatKey}#${seq}`: unique, and sorts the chat's messages in order of creation. */
  id: string;
  seq: number;
  kind: MessageKind;
  thread?: string;
  /** Idempotency keys this message carries (alert items, or the digest window). */
  keys: string[];
  body: MessageBody;
  /** Platform id of the message this one answers (a follow-up's alert). */
  replyTo?: string;
  createdAt: number;
  /** Failed tries (transient errors); 429s are counted apart in rateLimited. */
  attempts: number;
  rateLimited?: number;
  /** Earliest next try (ms): backoff and retry_after. */
  notBefore: number;
  lastError?: string;
  /**
   * Publication times (ms) of the alert items this message is the first to carry: the alert
   * latency histogram observes them when it is sent. Only the first part of a split alert has it.
   */
  published?: number[];
  /** A previous owner died after it started sending this message: it may have arrived already. */
  inDoubt?: boolean;
}

/** The head message is owned by one sender while it is in flight. */
export interface Claim {
  owner: string;
  msgId: string;
  /** Lease end (ms). Past it (or once its owner's heartbeat is gone) the claim may be taken over. */
  until: number;
  /** Set right before the platform call: distinguishes "claimed" from "maybe sent". */
  sendingAt?: number;
}

export interface ChatDoc {
  to: ChatRef;
  nextSeq: number;
  held: HeldAlert[];
  /** Alerts past the chat's alert budget: folded into its next digest or overflow message. */
  overflow: HeldAlert[];
  queue: QueuedMessage[];
  claim?: Claim;
  /** Start times of recent send attempts (ms), newest last: per-chat and per-group limits. */
  sends: number[];
  /** Times alert messages were queued (ms): the alert budget. */
  alertTimes: number[];
  /** Time of the last alert message queued (ms): leading-edge batching. */
  lastAlertAt?: number;
  /** Earliest time anything may be sent to this chat (a 429's retry_after). */
  pausedUntil?: number;
  /**
   * Platform message ids of sent alerts, by alert key: where follow-ups to a story go. Written in
   * the same write that marks the alert sent; bounded (follow-ups.ts).
   */
  replies?: Record<string, { id: string; at: number }>;
}

export interface DeadLetter {
  id: string;
  to: ChatRef;
  kind: MessageKind;
  keys: string[];
  body: MessageBody;
  replyTo?: string;
  attempts: number;
  error: string;
  createdAt: number;
  deadAt: number;
}

export interface OutboxCounts {
  /** Messages waiting to be sent, in flight included. */
  queued: number;
  /** Alerts waiting for their batch window or the end of a mute. */
  held: number;
  /** Alerts past the budget, waiting for the next digest. */
  overflow: number;
}

export interface OutboxStats extends OutboxCounts {
  dead: number;
  chats: number;
}

/** Limits of one platform, in one place. Defaults: DEFAULT_LIMITS. */
export interface PlatformLimits {
  /** Messages per second over all chats (Telegram 30); undefined: no global limit. */
  globalPerSec?: number;
  /** Minimum gap between two messages to one chat (ms). */
  perChatGapMs: number;
  /** Messages per minute to one group (Telegram 20 for negative chat ids). */
  groupPerMinute?: number;
}

export type LimitsTable = Record<PlatformName, PlatformLimits>;
