// The Slack Sender (src/core/outbound.ts): chat.postMessage per OutboundMessage (an alert's picture
// as an image block, a digest's chart uploaded after it), the outcome classified for the delivery
// queue. Its WebClient never retries and never waits out a 429 itself: retries and rate limits
// belong to delivery.
import { webApi } from '@slack/bolt';
import { NetworkError, PlatformError } from '../../core/errors.ts';
import type { ChartPicture, MessageImage, OutboundMessage, SendOutcome, Sender } from '../../core/outbound.ts';
import { safeHttpUrl } from '../../digest/escape.ts';
import { silentLogger, type Logger } from '../../log.ts';
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

export function createSlackSender(client: WebClient, log: Logger = silentLogger): Sender {
  return {
    platform: 'slack',
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const b = message.body;
      const content: { text: string; blocks?: unknown[] } =
        b.format === 'slack'
          ? { text: b.text, ...(b.blocks ? { blocks: b.blocks } : {}) }
          : { text: b.format === 'text' ? escapeSlackText(b.text) : htmlToSlackText(b.html) };
      const post = async (c: typeof content): Promise<SendOutcome> => {
        try {
          const r = await client.chat.postMessage({
            channel: message.to.chat,
            ...c,
            ...(message.to.thread || message.replyTo ? { thread_ts: message.to.thread ?? message.replyTo } : {}),
            unfurl_links: false,
            unfurl_media: false,
          } as never);
          return { ok: true, ...(typeof r.ts === 'string' ? { id: r.ts } : {}) };
        } catch (err) {
          return classifySlackError(err);
        }
      };
      const block = imageBlock(b.image, content.blocks);
      if (block) {
        const withImage = await post({ ...content, blocks: [...content.blocks!, block] });
        // Slack refuses the whole message when it cannot fetch the picture (invalid_blocks,
        // "downloading image failed"); nothing was posted, so the text goes alone, once.
        if (withImage.ok || withImage.kind !== 'permanent' || !/^invalid_blocks\b/.test(withImage.error)) return withImage;
        log.warn({ channel: message.to.chat, image: block.image_url, error: withImage.error }, 'slack: picture refused; sending the alert without it');
      }
      const sent = await post(content);
      if (sent.ok && message.chart) await uploadChart(client, message, message.chart, log);
      return sent;
    },
  };
}

/** Slack's image block for an article's picture: http(s) only, within Slack's lengths and block count. */
function imageBlock(image: MessageImage | undefined, blocks: unknown[] | undefined): { type: 'image'; image_url: string; alt_text: string } | undefined {
  if (image?.kind !== 'url' || !blocks || blocks.length >= 50) return undefined;
  const url = safeHttpUrl(image.url);
  if (!url || url.length > 3000) return undefined;
  const alt = [...(image.alt.trim() || 'image')].slice(0, 2000).join('');
  return { type: 'image', image_url: url, alt_text: alt };
}

/**
 * A digest's chart follows its text through the external upload flow. The text has arrived and
 * counts as the message: a failed upload is logged, never retried (a retry would repeat the text).
 */
async function uploadChart(client: WebClient, message: OutboundMessage, chart: ChartPicture, log: Logger): Promise<void> {
  try {
    await client.filesUploadV2({
      channel_id: message.to.chat,
      file: Buffer.from(chart.png),
      filename: chart.filename,
      title: chart.filename,
      alt_text: chart.alt.slice(0, 1000),
      initial_comment: chart.caption,
      ...(message.to.thread ? { thread_ts: message.to.thread } : {}),
    } as never);
  } catch (err) {
    log.warn({ channel: message.to.chat, err: slackError(err, 'files.completeUploadExternal') }, 'slack: the digest went out, its chart did not');
  }
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
