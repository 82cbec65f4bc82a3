// The Slack Sender (src/core/outbound.ts): chat.postMessage per OutboundMessage, the outcome
// classified for the delivery queue. Its WebClient never retries and never waits out a 429
// itself: retries and rate limits belong to delivery.
import { webApi } from '@slack/bolt';
import type { OutboundMessage, SendOutcome, Sender } from '../../core/outbound.ts';
import { escapeSlackText, htmlToSlackText } from './slack-text.ts';

type WebClient = InstanceType<typeof webApi.WebClient>;

export function createSlackWebClient(token: string, slackApiUrl: string, timeoutMs = 30_000): WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    // The client's own console logger would print around our structured logs.
    logLevel: webApi.LogLevel.ERROR,
  });
}

export function createSlackSender(client: WebClient): Sender {
  return {
    platform: 'slack',
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const b = message.body;
      const content =
        b.format === 'slack'
          ? { text: b.text, ...(b.blocks ? { blocks: b.blocks } : {}) }
          : { text: b.format === 'text' ? escapeSlackText(b.text) : htmlToSlackText(b.html) };
      try {
        const r = await client.chat.postMessage({
          channel: message.to.chat,
          ...content,
          ...(message.to.thread || message.replyTo ? { thread_ts: message.to.thread ?? message.replyTo } : {}),
          unfurl_links: false,
          unfurl_media: false,
        } as never);
        return { ok: true, ...(typeof r.ts === 'string' ? { id: r.ts } : {}) };
      } catch (err) {
        return classifySlackError(err);
      }
    },
  };
}

/** Slack errors that mean "try again later" rather than "this message can never go". */
const TRANSIENT_API_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_not_ready']);

/** 429 → rateLimited (Retry-After), 5xx/network/timeouts → transient, other failures → permanent. */
export function classifySlackError(err: unknown): Exclude<SendOutcome, { ok: true }> {
  const e = err as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; headers?: Record<string, string>; message?: string };
  switch (e?.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const s = Number(e.retryAfter);
      return { ok: false, kind: 'rateLimited', retryAfterMs: Number.isFinite(s) && s > 0 ? s * 1000 : 1000, error: 'ratelimited' };
    }
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return { ok: false, kind: 'rateLimited', retryAfterMs: 1000, error: code };
      return { ok: false, kind: TRANSIENT_API_ERRORS.has(code) ? 'transient' : 'permanent', error: code };
    }
    case webApi.ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      if (status === 429) {
        const s = Number(e.headers?.['retry-after']);
        return { ok: false, kind: 'rateLimited', retryAfterMs: Number.isFinite(s) && s > 0 ? s * 1000 : 1000, error: 'HTTP 429' };
      }
      return { ok: false, kind: status >= 500 || status === 408 ? 'transient' : 'permanent', error: `HTTP ${status}` };
    }
    default:
      // Request errors (refused, reset, timed out) and anything unexpected: the message may go later.
      return { ok: false, kind: 'transient', error: e?.message ?? String(err) };
  }
}
