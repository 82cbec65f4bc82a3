// The Telegram Sender (src/core/outbound.ts): one sendMessage (or sendPhoto, for an alert with its
// article's picture) per OutboundMessage, the outcome classified for the delivery queue. It never retries: retries and
// rate limits are delivery's.
import { TelegramError, type Telegram } from 'telegraf';
import { NetworkError, PlatformError } from '../../core/errors.ts';
import type { ButtonRow, SealedButton } from '../../core/buttons.ts';
import { sealAll, type ButtonCodec } from '../../core/button-codec.ts';
import type { ChartPicture, OutboundMessage, SendOutcome, Sender } from '../../core/outbound.ts';
import { safeHttpUrl } from '../../digest/escape.ts';
import { telegramTextLength } from '../../digest/render-telegram.ts';
import { silentLogger, type Logger } from '../../log.ts';
import { sendFailure, type SendFailure } from '../send-outcome.ts';
import { escapeTelegramHtml } from './telegram-html.ts';

const SEND_TIMEOUT_MS = 30_000;

/** Telegram's caption limit (characters after entity parsing). */
export const CAPTION_LIMIT = 1024;

/**
 * Refusals of the picture rather than of the message: Telegram could not fetch or read the image
 * behind the URL (or the caption came out longer than we counted). The text then goes alone.
 */
const PICTURE_REFUSED =
  /wrong file identifier|failed to get HTTP URL content|wrong type of the web page content|WEBPAGE_CURL_FAILED|WEBPAGE_MEDIA_EMPTY|IMAGE_PROCESS_FAILED|PHOTO_INVALID_DIMENSIONS|PHOTO_SAVE_FILE_INVALID|caption is too long/i;

type Call = (method: string, payload: Record<string, unknown>) => Promise<{ message_id?: number }>;

export function createTelegramSender(telegram: Telegram, timeoutMs = SEND_TIMEOUT_MS, log: Logger = silentLogger): Sender {
  const call: Call = async (method, payload) =>
    (await telegram.callApi(method as never, payload as never, { signal: AbortSignal.timeout(timeoutMs) as never })) as { message_id?: number };
  return {
    platform: 'telegram',
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const b = message.body;
      // A Slack body has a plain `text` fallback: send that, escaped, rather than drop the message.
      const html = b.format === 'telegram-html' ? b.html : escapeTelegramHtml(b.text);
      const where: Record<string, unknown> = { chat_id: message.to.chat };
      if (message.to.thread) where.message_thread_id = Number(message.to.thread);
      if (message.replyTo) where.reply_parameters = { message_id: Number(message.replyTo), allow_sending_without_reply: true };
      // The feedback buttons ride on the message itself, photo or text.
      const markup = b.format === 'telegram-html' && b.keyboard ? { reply_markup: inlineKeyboard(b.keyboard) } : {};
      const image = b.image?.kind === 'url' ? safeHttpUrl(b.image.url) : undefined;
      // An alert longer than a caption goes as text: one message, never a photo and a text.
      if (image && telegramTextLength(html) <= CAPTION_LIMIT) {
        const photo = await attempt(() => call('sendPhoto', { ...where, ...markup, photo: image, caption: html, parse_mode: 'HTML' }));
        if (photo.ok || !PICTURE_REFUSED.test(photo.error)) return photo;
        log.warn({ chat: message.to.chat, image, error: photo.error }, 'telegram: picture refused; sending the alert as text');
      }
      const preview = b.format === 'telegram-html' ? (b.disablePreview ?? true) : true;
      const sent = await attempt(() =>
        call('sendMessage', { ...where, ...markup, text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: preview } }),
      );
      if (sent.ok && message.chart) await sendChart(call, where, message.chart, log);
      return sent;
    },
  };
}

async function attempt(run: () => Promise<{ message_id?: number }>): Promise<SendOutcome> {
  try {
    const sent = await run();
    return { ok: true, ...(sent?.message_id !== undefined ? { id: String(sent.message_id) } : {}) };
  } catch (err) {
    return classifyTelegramError(err);
  }
}

/**
 * A digest's chart follows its text as an uploaded photo. The text has arrived by then and counts
 * as the message: a chart that fails is logged, never retried (a retry would repeat the text).
 */
async function sendChart(call: Call, where: Record<string, unknown>, chart: ChartPicture, log: Logger): Promise<void> {
  const chars = [...chart.caption];
  const caption = chars.length > CAPTION_LIMIT ? `${chars.slice(0, CAPTION_LIMIT - 1).join('')}…` : chart.caption;
  const { reply_parameters: _reply, ...place } = where;
  const r = await attempt(() => call('sendPhoto', { ...place, photo: { source: Buffer.from(chart.png), filename: chart.filename }, caption }));
  if (!r.ok) log.warn({ chat: where.chat_id, error: r.error }, 'telegram: the digest went out, its chart did not');
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
