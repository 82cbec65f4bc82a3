// Inline keyboards: sealed button rows as reply_markup, and a press (callback_query) opened, run
// through commands/actions.ts and always answered with answerCallbackQuery. The pressed row is
// relabelled with editMessageReplyMarkup ("👎 ✓"); a message Telegram no longer lets us edit
// (too old, deleted) only loses that touch: the press was still answered and recorded.
import type { Telegram } from 'telegraf';
import { refusedAction, runAction, type ActionResult } from '../../../commands/actions.ts';
import { pickLang, pressedMessageScript } from '../../../commands/registry.ts';
import type { CommandContext, Reply, UiLang } from '../../../commands/types.ts';
import { t } from '../../i18n/catalogue.ts';
import type { ChatDeps, TgMessage } from './telegram-chat.ts';
import { commandContext, replyParts, sendReply } from './telegram-chat.ts';
import { replyToTelegramHtml } from './telegram-html.ts';
import { inlineKeyboard, telegramError } from './telegram-sender.ts';

interface TgButton {
  text: string;
  callback_data?: string;
}

export interface TgCallbackQuery {
  id: string;
  from: NonNullable<TgMessage['from']>;
  data?: string;
  message?: TgMessage & { reply_markup?: { inline_keyboard?: TgButton[][] } };
}

/** Telegram shows at most 200 characters in a callback answer. */
const ANSWER_MAX = 200;

/** The context of a press: the presser, in the chat of the message; channel buttons need a channel admin. */
function pressContext(deps: ChatDeps, cq: TgCallbackQuery, msg: TgMessage, lang: UiLang): CommandContext {
  const ctx = commandContext(deps, { ...msg, from: cq.from, sender_chat: undefined }, lang);
  const listed = deps.adminIds.includes(String(cq.from.id));
  const isChatAdmin = async () => msg.chat.type === 'private' || listed || deps.chatAdmins.isAdmin(msg.chat.id, cq.from.id);
  return { ...ctx, isChatAdmin };
}

export async function answerCallback(deps: ChatDeps, cq: TgCallbackQuery): Promise<void> {
  const lang = pickLang(cq.from.language_code, pressedMessageScript(cq.message?.text ?? ''));
  const msg = cq.message;
  let result: ActionResult;
  if (!deps.buttons || !msg?.chat) result = { status: 'usage', notice: t(lang, 'actions.unavailable') };
  else {
    const opened = await deps.buttons.open(cq.data ?? '');
    result = opened.ok
      ? await runAction(pressContext(deps, cq, msg, lang), opened.action, (err) =>
          deps.log.error({ err, action: opened.action.kind }, 'telegram: button failed'),
        )
      : refusedAction(lang, opened);
  }
  // A longer answer that fits an alert is one (Why?); a longer one (a /watch preview) is a message.
  const alert = result.reply !== undefined && [...result.reply.text].length <= ANSWER_MAX;
  const answer = alert ? result.reply!.text : result.notice;
  await call(deps, 'answerCallbackQuery', { callback_query_id: cq.id, ...(answer ? { text: answer } : {}), ...(alert ? { show_alert: true } : {}) });
  if (!msg?.chat) return;
  // A pressed command answers as the typed command would, quoting the message with the button.
  if (result.command) await sendReply(deps, msg, result.command);
  if (result.reply && !alert) await sendShortReply(deps, msg, result.reply);
  if (result.relabel) await relabelRow(deps, msg, cq.data ?? '', result.relabel);
  if (result.edit) await editInPlace(deps, msg, result.edit);
  if (result.post) await sendReply(deps, msg, result.post);
}

/** The row of the pressed button with new labels; nothing when no label changes. */
async function relabelRow(
  deps: ChatDeps,
  msg: NonNullable<TgCallbackQuery['message']>,
  data: string,
  relabel: NonNullable<ActionResult['relabel']>,
): Promise<void> {
  const rows = msg.reply_markup?.inline_keyboard;
  if (!rows) return;
  let changed = false;
  const next = rows.map((row) => {
    if (!row.some((b) => b.callback_data === data)) return row;
    return row.map((b) => {
      const text = relabel(b.text, b.callback_data === data);
      if (text !== b.text) changed = true;
      return { ...b, text };
    });
  });
  if (changed) await call(deps, 'editMessageReplyMarkup', { chat_id: msg.chat.id, message_id: msg.message_id, reply_markup: { inline_keyboard: next } });
}

/**
 * The message replaced by another reply, rendered as a command's answer is (a digest page with its
 * stories' buttons, the page row under it): pagination. Should the page need more than one message,
 * the rest follow as new ones; a message Telegram no longer lets us edit gets the page as a new one.
 */
async function editInPlace(deps: ChatDeps, msg: TgMessage, reply: Reply): Promise<void> {
  const [first, ...rest] = await replyParts(deps, reply);
  if (!first) return;
  const edited = await call(deps, 'editMessageText', {
    chat_id: msg.chat.id,
    message_id: msg.message_id,
    text: first.html,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    // Without reply_markup Telegram removes the keyboard, which is right for a page without buttons.
    ...(first.keyboard && first.keyboard.length > 0 ? { reply_markup: inlineKeyboard(first.keyboard) } : {}),
  });
  if (!edited) await sendReply(deps, msg, reply, [first, ...rest]);
  else if (rest.length > 0) await sendReply(deps, msg, reply, rest);
}

async function sendShortReply(deps: ChatDeps, msg: TgMessage, reply: Reply): Promise<void> {
  await call(deps, 'sendMessage', {
    chat_id: msg.chat.id,
    text: replyToTelegramHtml(reply)[0],
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(msg.is_topic_message && msg.message_thread_id ? { message_thread_id: msg.message_thread_id } : {}),
    reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true },
  });
}

/**
 * A Bot API call whose failure is logged, never thrown: a press is answered whatever happens after.
 * "message is not modified" (the same page pressed twice) means the message already shows it.
 */
async function call(deps: { telegram: Telegram; log: ChatDeps['log'] }, method: string, payload: Record<string, unknown>): Promise<boolean> {
  try {
    await deps.telegram.callApi(method as never, payload as never);
    return true;
  } catch (err) {
    if (/message is not modified/.test(telegramError(err, method).message)) return true;
    deps.log.warn({ err: telegramError(err, method) }, `telegram: ${method} failed after a button press`);
    return false;
  }
}
