// The Telegram Sender (src/core/outbound.ts): one sendMessage per OutboundMessage, the outcome
// classified for the delivery queue. It never retries: retries and rate limits are delivery's.
import { TelegramError, type Telegram } from 'telegraf';
import type { OutboundMessage, SendOutcome, Sender } from '../../core/outbound.ts';
import { escapeTelegramHtml } from './telegram-html.ts';

const SEND_TIMEOUT_MS = 30_000;

export function createTelegramSender(telegram: Telegram, timeoutMs = SEND_TIMEOUT_MS): Sender {
  return {
    platform: 'telegram',
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const b = message.body;
      // A Slack body has a plain `text` fallback: send that, escaped, rather than drop the message.
      const html = b.format === 'telegram-html' ? b.html : escapeTelegramHtml(b.text);
      const payload: Record<string, unknown> = {
        chat_id: message.to.chat,
        text: html,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: b.format === 'telegram-html' ? (b.disablePreview ?? true) : true },
      };
      if (message.to.thread) payload.message_thread_id = Number(message.to.thread);
      if (message.replyTo) payload.reply_parameters = { message_id: Number(message.replyTo), allow_sending_without_reply: true };
      try {
        const sent = (await telegram.callApi('sendMessage', payload as never, { signal: AbortSignal.timeout(timeoutMs) as never })) as { message_id?: number };
        return { ok: true, ...(sent?.message_id !== undefined ? { id: String(sent.message_id) } : {}) };
      } catch (err) {
        return classifyTelegramError(err);
      }
    },
  };
}

/** 429 → rateLimited (retry_after), 5xx and network failures → transient, other 4xx → permanent. */
export function classifyTelegramError(err: unknown): Exclude<SendOutcome, { ok: true }> {
  if (err instanceof TelegramError) {
    const error = `${err.code}: ${err.description}`;
    if (err.code === 429) {
      const seconds = Number(err.parameters?.retry_after);
      return { ok: false, kind: 'rateLimited', retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000, error };
    }
    if (err.code >= 500) return { ok: false, kind: 'transient', error };
    return { ok: false, kind: 'permanent', error };
  }
  const e = err as { name?: string; message?: string; code?: string; type?: string };
  // Aborts (our timeout), refused and reset connections, DNS hiccups: the message may go later.
  return { ok: false, kind: 'transient', error: `${e?.name ?? 'Error'}: ${e?.code ?? e?.type ?? ''} ${e?.message ?? String(err)}`.replace(/\s+/g, ' ').trim() };
}
