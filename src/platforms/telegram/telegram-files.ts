// Files people send the bot: a document whose caption is a command ("/feeds import"), or one sent
// as a reply to the bot's own prompt (which names the command). The file reaches the command as a
// platform-neutral Attachment; its bytes are fetched only when the command asks, through getFile
// and the download link on the same API root as every other call (TELEGRAM_API_ROOT), capped.
import type { Telegram } from 'telegraf';
import type { Attachment } from '../../../commands/types.ts';

export interface TgDocument {
  file_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/** The parts of a message a document command needs. */
export interface DocumentMessage {
  text?: string;
  caption?: string;
  document?: TgDocument;
  reply_to_message?: { text?: string; from?: { id: number; is_bot?: boolean } };
}

/** The bot's prompt for a file names the command the file answers, in either language. */
const PROMPTED = /\/feeds(?:@\w+)? import\b/;

/**
 * The command line a document message carries: its caption when that is a command, else the
 * command the bot's prompt (which it replies to) named; undefined for other messages.
 */
export function documentCommandText(msg: DocumentMessage, botId: number | undefined): string | undefined {
  if (!msg.document) return undefined;
  const caption = msg.caption?.trim();
  if (caption?.startsWith('/')) return caption;
  const prompt = msg.reply_to_message;
  if (prompt?.from?.is_bot && (botId === undefined || prompt.from.id === botId) && PROMPTED.test(prompt.text ?? '')) return '/feeds import';
  return undefined;
}

class TooLarge extends Error {}

/** The document as an Attachment: getFile, then the download, refused past `maxBytes`. */
export function telegramAttachment(telegram: Telegram, doc: TgDocument): Attachment {
  return {
    name: doc.file_name ?? 'file',
    ...(doc.file_size !== undefined ? { size: doc.file_size } : {}),
    async read(maxBytes) {
      if (doc.file_size !== undefined && doc.file_size > maxBytes) throw new TooLarge(`the file is larger than ${maxBytes} bytes`);
      // The link holds the bot token: it is never logged or shown.
      const link = await telegram.getFileLink(doc.file_id);
      const res = await fetch(link, { signal: AbortSignal.timeout(30_000) });
      if (!res.ok || !res.body) throw new Error(`the file could not be downloaded (HTTP ${res.status})`);
      return readCapped(res.body, maxBytes);
    },
  };
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) throw new TooLarge(`the file is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
