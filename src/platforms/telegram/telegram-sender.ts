// The Telegram Sender (src/core/outbound.ts): one sendMessage per OutboundMessage, the outcome
// classified for the delivery queue. It never retries: retries and rate limits are delivery's.
import { TelegramError, type Telegram } from 'telegraf';
import { NetworkError, PlatformError } from '../../core/errors.ts';
import type { ButtonRow, SealedButton } from '../../core/buttons.ts';
import { sealAll, type ButtonCodec } from '../../core/button-codec.ts';
import type { OutboundMessage, SendOutcome, Sender } from '../../core/outbound.ts';
import { sendFailure, type SendFailure } from '../send-outcome.ts';
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
      if (b.format === 'telegram-html' && b.keyboard) payload.reply_markup = inlineKeyboard(b.keyboard);
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

/** Sealed button rows as Telegram's InlineKeyboardMarkup (callback_data is the sealed payload). */
export function inlineKeyboard(rows: readonly SealedButton[][]): { inline_keyboard: { text: string; callback_data: string }[][] } {
  return { inline_keyboard: rows.map((r) => r.map((b) => ({ text: b.label, callback_data: b.data }))) };
}

/** Rows of neutral buttons sealed for Telegram (undefined without a codec or without rows). */
export async function sealRows(codec: ButtonCodec | undefined, rows: readonly ButtonRow[] | undefined): Promise<SealedButton[][] | undefined> {
  if (!codec || !rows || rows.length === 0) return undefined;
  const seal = await sealAll(
    codec,
    rows.flatMap((r) => r.map((b) => b.action)),
  );
  return rows.map((r) => r.map((b) => ({ label: b.label, data: seal(b.action) })));
}

/**
 * What telegraf threw, in raqib's vocabulary: a TelegramError is the Bot API answering with an
 * error (PlatformError, with retry_after); anything else (our abort, refused or reset connections,
 * DNS) is a NetworkError.
 */
export function telegramError(err: unknown, method = 'sendMessage'): PlatformError | NetworkError {
  if (err instanceof PlatformError || err instanceof NetworkError) return err;
  if (err instanceof TelegramError) {
    const s = Number(err.parameters?.retry_after);
    return new PlatformError('telegram', method, err.code, err.description, { cause: err, ...(Number.isFinite(s) ? { retryAfterS: s } : {}) });
  }
  const e = err as { name?: string; message?: string; code?: string; type?: string };
  const timeout = e?.name === 'AbortError' || e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
  const message = `${e?.name ?? 'Error'}: ${e?.code ?? e?.type ?? ''} ${e?.message ?? String(err)}`.replace(/\s+/g, ' ').trim();
  return new NetworkError(message, { cause: err, timeout });
}

/** 429 → rateLimited (retry_after), 5xx and network failures → transient, other 4xx → permanent. */
function classifyTelegramError(err: unknown): SendFailure {
  const error = err instanceof TelegramError ? `${err.code}: ${err.description}` : undefined;
  const e = telegramError(err);
  return sendFailure(e, error ?? e.message);
}
