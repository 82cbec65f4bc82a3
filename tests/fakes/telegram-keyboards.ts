// Inline keyboards as the Bot API checks them (InlineKeyboardMarkup, InlineKeyboardButton in
// ../shared/fixtures/telegram/api.json): rows of buttons, each with text and exactly one action
// field; callback_data 1-64 bytes. And editMessageReplyMarkup, which raqib uses to mark the
// pressed button. Error texts are the server's.
import { bad, ok, type ApiResult, type MethodHandler } from './telegram-methods.ts';

const ACTION_FIELDS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];

/** undefined when the markup is acceptable (or absent), else the error the server gives. */
export function checkReplyMarkup(markup: unknown): ApiResult | undefined {
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null) return bad("Bad Request: can't parse reply keyboard markup JSON object");
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (rows === undefined) return undefined; // another keyboard kind: not raqib's
  if (!Array.isArray(rows)) return bad('Bad Request: field "inline_keyboard" must be an Array');
  let count = 0;
  for (const row of rows) {
    if (!Array.isArray(row)) return bad('Bad Request: field "inline_keyboard" must be an Array of Arrays');
    for (const b of row as Record<string, unknown>[]) {
      count++;
      if (typeof b !== 'object' || b === null || typeof b.text !== 'string')
        return bad('Bad Request: can\'t parse inline keyboard button: Field "text" must be of type String');
      if (b.text.trim() === '') return bad('Bad Request: BUTTON_TEXT_INVALID');
      const actions = ACTION_FIELDS.filter((f) => b[f] !== undefined);
      if (actions.length === 0) return bad("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      if (actions.length > 1) return bad("Bad Request: can't parse inline keyboard button: exactly one of the optional fields must be used");
      if (b.callback_data !== undefined) {
        const size = typeof b.callback_data === 'string' ? Buffer.byteLength(b.callback_data) : 0;
        if (size < 1 || size > 64) return bad('Bad Request: BUTTON_DATA_INVALID');
      }
    }
  }
  if (count > 100) return bad('Bad Request: reply markup is too long');
  return undefined;
}

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

export const editMessageReplyMarkup: MethodHandler = ({ world, params: p }) => {
  if (p.inline_message_id !== undefined) return bad('Bad Request: MESSAGE_ID_INVALID');
  if (p.chat_id === undefined) return bad('Bad Request: chat_id is empty');
  if (p.message_id === undefined) return bad('Bad Request: message identifier is not specified');
  const refused = checkReplyMarkup(p.reply_markup);
  if (refused) return refused;
  const s = world.resolve(p.chat_id);
  if (!s) return bad('Bad Request: chat not found');
  const m = world.message(s, p.message_id as number);
  if (!m || m.deleted) return bad('Bad Request: message to edit not found');
  if (JSON.stringify(m.reply_markup ?? null) === JSON.stringify(p.reply_markup ?? null)) return bad(NOT_MODIFIED);
  m.markupEdits = [...(m.markupEdits ?? []), m.reply_markup];
  m.reply_markup = p.reply_markup;
  return ok(world.toApiMessage(s, m, Math.floor(Date.now() / 1000)));
};
