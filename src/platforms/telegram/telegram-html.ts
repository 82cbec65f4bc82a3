// Text for Telegram's parse_mode HTML. Everything that is not our own markup is escaped: feed
// titles and user input may contain "<", "&" or things that look like tags.
import type { Reply } from '../../../commands/types.ts';
import { splitText } from '../../../commands/reply-text.ts';
import { escapeTelegramHtml } from '../../digest/escape.ts';
import { renderTelegram } from '../../digest/render-telegram.ts';
import type { Digest } from '../../digest/types.ts';

export { escapeTelegramHtml };

/** Visible characters per message (Bot API: 4096 after entity parsing); a margin for safety. */
export const TELEGRAM_MESSAGE_MAX = 4000;

/** Renders a digest to HTML messages (default: src/digest's renderTelegram). */
export type TelegramDigestRenderer = (digest: Digest) => string[];

/** The HTML messages that answer a command. */
export function replyToTelegramHtml(reply: Reply, renderDigest: TelegramDigestRenderer = renderTelegram): string[] {
  if (reply.digest !== undefined) {
    const parts = renderDigest(reply.digest).filter((p) => p.trim() !== '');
    if (parts.length > 0) return parts;
  }
  const text = reply.text.trim() === '' ? '…' : reply.text;
  return splitText(text, TELEGRAM_MESSAGE_MAX).map(escapeTelegramHtml);
}
