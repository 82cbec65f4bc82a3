// Telegram's command menu (setMyCommands), generated from the command registry: English by
// default, Arabic for clients set to Arabic, the admin commands only in admins' private chats, and
// /watch in every private chat (anyone may keep topics of their own there). Each entry is the
// command's purpose alone: a phone shows a few dozen characters of it, and the arguments are in
// /help COMMAND.
import type { Telegram } from 'telegraf';
import type { Logger } from '../../log.ts';
import { telegramError } from './telegram-sender.ts';
import { commands } from '../../../commands/registry.ts';
import type { CommandDef, UiLang } from '../../../commands/types.ts';

interface BotCommandEntry {
  command: string;
  description: string;
}

/** Bot API limits: command 1-32 of [a-z0-9_], description 1-256 characters. */
export function menuFor(lang: UiLang, includeAdmin: boolean, defs: readonly CommandDef[] = commands, privateChat = false): BotCommandEntry[] {
  return defs
    .filter((d) => includeAdmin || !d.admin || (privateChat && d.openInPrivate))
    .filter((d) => /^[a-z0-9_]{1,32}$/.test(d.name))
    .map((d) => {
      const text = d.description[lang];
      return { command: d.name, description: text.length > 256 ? `${text.slice(0, 255)}…` : text };
    });
}

/** Sets every menu; a failure is logged and the rest still go out (the bot works without a menu). */
export async function publishMenus(telegram: Telegram, adminUserIds: readonly string[], log: Logger): Promise<void> {
  const calls: { scope?: object; language_code?: string; commands: BotCommandEntry[] }[] = [
    { commands: menuFor('en', false) },
    { language_code: 'ar', commands: menuFor('ar', false) },
    { scope: { type: 'all_private_chats' }, commands: menuFor('en', false, commands, true) },
    { scope: { type: 'all_private_chats' }, language_code: 'ar', commands: menuFor('ar', false, commands, true) },
  ];
  for (const id of adminUserIds.filter((x) => /^\d{1,20}$/.test(x))) {
    // A private chat's id is the user's id; admins see /watch and /feeds in their chat with the bot.
    const scope = { type: 'chat', chat_id: Number(id) };
    calls.push({ scope, commands: menuFor('en', true) }, { scope, language_code: 'ar', commands: menuFor('ar', true) });
  }
  for (const c of calls) {
    try {
      await telegram.callApi('setMyCommands', c as never);
    } catch (err) {
      log.warn({ err: telegramError(err, 'setMyCommands'), scope: c.scope, language_code: c.language_code }, 'telegram: setMyCommands failed');
    }
  }
}
