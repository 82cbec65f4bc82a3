// The Slack Sender (src/core/outbound.ts): chat.postMessage per OutboundMessage, the outcome
// classified for the delivery queue. Its WebClient never retries and never waits out a 429
// itself: retries and rate limits belong to delivery.
import { webApi } from '@slack/bolt';
import { NetworkError, PlatformError } from '../../core/errors.ts';
import type { OutboundMessage, SendOutcome, Sender } from '../../core/outbound.ts';
import { sendFailure, type SendFailure } from '../send-outcome.ts';
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

interface WebApiFailure {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  statusCode?: number;
  headers?: Record<string, string>;
  message?: string;
}

/**
 * What @slack/web-api threw, in raqib's vocabulary: a rate limit, an `ok: false` answer or an
 * HTTP error status is the platform answering (PlatformError); a request error (refused, reset,
 * timed out) or anything unexpected is a NetworkError.
 */
export function slackError(err: unknown, method = 'chat.postMessage'): PlatformError | NetworkError {
  if (err instanceof PlatformError || err instanceof NetworkError) return err;
  const e = err as WebApiFailure;
  switch (e?.code) {
    case webApi.ErrorCode.RateLimitedError:
      return new PlatformError('slack', method, 429, 'ratelimited', { cause: err, retryAfterS: Number(e.retryAfter) });
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return new PlatformError('slack', method, code === 'ratelimited' ? 429 : undefined, code, { cause: err });
    }
    case webApi.ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      return new PlatformError('slack', method, status, `HTTP ${status}`, { cause: err, retryAfterS: Number(e.headers?.['retry-after']) });
    }
    default:
      return new NetworkError(e?.message ?? String(err), { cause: err, timeout: /timeout|timed out/i.test(e?.message ?? '') });
  }
}

/** 429 → rateLimited (Retry-After), 5xx/network/timeouts → transient, other failures → permanent. */
function classifySlackError(err: unknown): SendFailure {
  const e = slackError(err);
  const apiError = (err as WebApiFailure)?.data?.error;
  return sendFailure(
    e,
    e instanceof PlatformError ? e.message.slice(`slack ${e.method}: `.length) : e.message,
    apiError !== undefined && TRANSIENT_API_ERRORS.has(apiError),
  );
}
