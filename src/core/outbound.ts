// What leaves raqib for a chat, and what came back. Digests are rendered per platform before they
// enter the outbox, so that what was decided is exactly what is (re)sent after a crash (buttons
// included, their actions already sealed).
import type { SealedButton } from './buttons.ts';

export type PlatformName = 'slack' | 'telegram' | 'console';

export interface ChatRef {
  platform: PlatformName;
  /** Slack channel id, Telegram chat id (as a string), or a console label. */
  chat: string;
  /** Slack thread_ts or Telegram message_thread_id. */
  thread?: string;
}

/** What a message says, in one platform's format. */
export type MessageContent =
  /** Telegram parse_mode HTML; one message, at most 4096 characters after entity parsing. */
  | { format: 'telegram-html'; html: string; disablePreview?: boolean; keyboard?: SealedButton[][] }
  /** Slack Block Kit with the fallback `text` Slack requires for notifications. */
  | { format: 'slack'; text: string; blocks?: unknown[] }
  | { format: 'text'; text: string };

/** A message's content, and a picture that goes with it (the message reads the same without it). */
export type MessageBody = MessageContent & { image?: MessageImage };

/**
 * A picture as the outbox stores it: an address or a request, never bytes (queued messages are
 * JSON documents). A picture that cannot be sent never stops its message: the text goes alone.
 */
export type MessageImage =
  /** The article's picture: an http(s) URL the platform fetches itself; `alt` describes it. */
  | { kind: 'url'; url: string; alt: string }
  /** A trend chart, drawn when the message is sent (src/delivery/charts.ts). */
  | { kind: 'chart'; chart: ChartRequest };

/** The chart a digest carries: stories per day of these topics over `days` days up to `untilMs`. */
export interface ChartRequest {
  topics: string[];
  days: number;
  untilMs: number;
  lang: 'ar' | 'en';
}

/** A drawn chart: what a sender uploads. */
export interface ChartPicture {
  png: Uint8Array;
  filename: string;
  /** Plain text: the chart's one-line summaries. */
  caption: string;
  alt: string;
}

export interface OutboundMessage {
  to: ChatRef;
  body: MessageBody;
  /**
   * The platform id of an earlier message this one answers (a follow-up to an alert): Slack posts
   * it in that message's thread (thread_ts; a subscription's own thread wins, threads do not
   * nest), Telegram sends it as a reply (reply_parameters, sent even if the original is gone).
   */
  replyTo?: string;
  /** The drawn chart of a body whose image is a chart request (set on the way out, never stored). */
  chart?: ChartPicture;
}

export type SendOutcome =
  | { ok: true; id?: string }
  /** 429: wait retryAfterMs (Telegram retry_after, HTTP Retry-After) before the next try. */
  | { ok: false; kind: 'rateLimited'; retryAfterMs: number; error: string }
  /**
   * 5xx, timeouts, dropped connections: retry with backoff. `inDoubt`: no answer came although the
   * request may have reached the platform (a timeout, a connection dropped mid-call), so the
   * message may have arrived and a retry may repeat it.
   */
  | { ok: false; kind: 'transient'; error: string; inDoubt?: boolean }
  /** 400/403 and the like (bad request, bot kicked, chat not found): never retried. */
  | { ok: false; kind: 'permanent'; error: string };

/** A send that did not go through. */
export type SendFailure = Exclude<SendOutcome, { ok: true }>;

/** A platform's way out. Implementations live in src/platforms/<name>/; they never retry. */
export interface Sender {
  readonly platform: PlatformName;
  send(message: OutboundMessage): Promise<SendOutcome>;
}
