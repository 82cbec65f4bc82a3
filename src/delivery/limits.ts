// Platform rate limits and the retry policy: the one place where raqib decides when a message
// may go out, honouring Telegram's retry_after and HTTP Retry-After. Senders never wait or retry
// on their own, so that no two places can disagree about when a chat may be written to again.
import type { PlatformName } from '../core/outbound.ts';
import type { ChatDoc, LimitsTable, PlatformLimits } from './types.ts';

/**
 * Telegram: ≤ 30 messages/s overall, ≤ 1/s per chat, ≤ 20/min per group (negative chat id).
 * Slack: ≤ 1/s per channel. The figures are the platforms' published limits; SAFETY keeps a small
 * margin under them because requests reach the platform a little later than we decide to send.
 */
export const DEFAULT_LIMITS: LimitsTable = {
  telegram: { globalPerSec: 30, perChatGapMs: 1000, groupPerMinute: 20 },
  slack: { perChatGapMs: 1000 },
  console: { perChatGapMs: 0 },
};

/** Share of a published rate we actually use (the rest absorbs network and timer jitter). */
export const SAFETY = 0.97;

export function isGroupChat(platform: PlatformName, chat: string): boolean {
  return platform === 'telegram' && chat.startsWith('-');
}

/** Interval between two sends of the platform's global rate, with the safety margin (ms). */
export function globalIntervalMs(l: PlatformLimits): number | undefined {
  return l.globalPerSec ? 1000 / (l.globalPerSec * SAFETY) : undefined;
}

/** Earliest time the chat's own limits allow its next send (ms). */
export function chatReadyAt(doc: ChatDoc, limits: LimitsTable): number {
  const l = limits[doc.to.platform];
  let at = doc.pausedUntil ?? 0;
  const last = doc.sends[doc.sends.length - 1];
  if (last !== undefined && l.perChatGapMs > 0) at = Math.max(at, last + l.perChatGapMs / SAFETY);
  if (l.groupPerMinute && isGroupChat(doc.to.platform, doc.to.chat) && doc.sends.length >= l.groupPerMinute) {
    // The oldest of the last N sends must leave the 60 s window before another may go.
    const nth = doc.sends[doc.sends.length - l.groupPerMinute]!;
    at = Math.max(at, nth + 60_000 / SAFETY);
  }
  return at;
}

/** Keeps only the send times the limits still need. */
export function trimSends(sends: number[], limits: PlatformLimits, now: number): number[] {
  const keep = Math.max(1, limits.groupPerMinute ?? 1);
  return sends.filter((t) => t > now - 61_000 / SAFETY).slice(-keep);
}

export interface RetryPolicy {
  /** Tries before a message goes to the dead letters (transient failures). */
  maxAttempts: number;
  /** 429s tolerated before dead-lettering: they are waited out, not counted as failures. */
  maxRateLimited: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, maxRateLimited: 50, baseDelayMs: 1000, maxDelayMs: 300_000 };

/** Exponential backoff with full jitter in its upper half: base·2^(n−1), capped. */
export function backoffMs(attempt: number, p: RetryPolicy, random = Math.random): number {
  const exp = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
