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

export type MessageBody =
  /** Telegram parse_mode HTML; one message, at most 4096 characters after entity parsing. */
  | { format: 'telegram-html'; html: string; disablePreview?: boolean; keyboard?: SealedButton[][] }
  /** Slack Block Kit with the fallback `text` Slack requires for notifications. */
  | { format: 'slack'; text: string; blocks?: unknown[] }
  | { format: 'text'; text: string };

export interface OutboundMessage {
  to: ChatRef;
  body: MessageBody;
  /**
   * The platform id of an earlier message this one answers (a follow-up to an alert): Slack posts
   * it in that message's thread (thread_ts; a subscription's own thread wins, threads do not
   * nest), Telegram sends it as a reply (reply_parameters, sent even if the original is gone).
   */
  replyTo?: string;
}

export type SendOutcome =
  | { ok: true; id?: string }
  /** 429: wait retryAfterMs (Telegram retry_after, HTTP Retry-After) before the next try. */
  | { ok: false; kind: 'rateLimited'; retryAfterMs: number; error: string }
  /** 5xx, timeouts, dropped connections: retry with backoff. */
  | { ok: false; kind: 'transient'; error: string }
  /** 400/403 and the like (bad request, bot kicked, chat not found): never retried. */
  | { ok: false; kind: 'permanent'; error: string };

/** A platform's way out. Implementations live in src/platforms/<name>/; they never retry. */
export interface Sender {
  readonly platform: PlatformName;
  send(message: OutboundMessage): Promise<SendOutcome>;
}
