// The command registry: the single list from which /help, Telegram's command menu and the Slack
// manifest are generated, and the dispatcher every platform calls.
import { digest } from './digest.ts';
import { feeds } from './feeds.ts';
import { makeHelp } from './help.ts';
import { mute } from './mute.ts';
import { search } from './search.ts';
import { status } from './status.ts';
import { subscribe } from './subscribe.ts';
import { subscriptions } from './subscriptions.ts';
import { topic } from './topic.ts';
import { topics } from './topics.ts';
import { trend } from './trend.ts';
import { unsubscribe } from './unsubscribe.ts';
import { watch } from './watch.ts';
import { chatAddress, say } from './chat-scope.ts';
import { lang } from './lang.ts';
import { start } from './start.ts';
import { type CommandContext, type CommandDef, type Reply } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';
import { closest } from '../src/i18n/suggest.ts';

const list: CommandDef[] = [];
list.push(
  digest,
  trend,
  topics,
  topic,
  search,
  subscribe,
  unsubscribe,
  subscriptions,
  mute,
  status,
  watch,
  feeds,
  lang,
  start,
  makeHelp(() => list),
);

export const commands: readonly CommandDef[] = list;

/** Longest argument text a command accepts; longer input is refused before any parsing. */
const MAX_ARGS_LENGTH = 4_000;

/** "/subscrib" → subscribe: the closest command name, if one is near. */
export function guessCommand(name: string): string | undefined {
  return closest(
    name,
    list.map((c) => ({ value: c.name, names: [c.name] })),
  );
}

function findCommand(name: string): CommandDef | undefined {
  return list.find((c) => c.name === name.toLowerCase());
}

interface CommandLine {
  name: string;
  /** The bot a Telegram group command was addressed to ("/digest@raqib_bot"). */
  bot?: string;
  args: string;
}

/** Splits "/digest@raqib_bot iraq 24h" into the command name and its argument text. */
export function parseCommandLine(line: string): CommandLine | undefined {
  const m = /^\/([A-Za-z0-9_-]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/.exec(line.trim());
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), ...(m[2] ? { bot: m[2] } : {}), args: (m[3] ?? '').trim() };
}

/**
 * Control characters and bidi controls typed into a command mean nothing to any command, but a
 * reply that echoes them (usage lines quote the argument) could reorder a chat message or reach an
 * operator's terminal: they are removed before the command sees its arguments.
 */
function stripControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
}

/** Runs a command; one bad command never throws out of here. */
export async function dispatch(asked: CommandContext, name: string, rawArgs: string, onError?: (err: unknown) => void): Promise<Reply> {
  const ctx = await withChosenLang(asked, onError);
  const lang = ctx.lang;
  const args = stripControls(rawArgs);
  const def = findCommand(name);
  if (!def) {
    const guess = guessCommand(name);
    const text = guess
      ? t(lang, 'registry.unknownCommandGuess', { name: name.slice(0, 32), guess })
      : t(lang, 'registry.unknownCommandTry', { name: name.slice(0, 32) });
    return { status: 'usage', ephemeral: true, text };
  }
  try {
    const open = def.openInPrivate && ctx.chat.kind === 'private';
    if (def.admin && !open && !(await ctx.isAdmin())) {
      return { status: 'denied', ephemeral: true, text: say(ctx, 'registry.isForAdmins', { name: def.name }) };
    }
    if (args.length > MAX_ARGS_LENGTH) {
      return { status: 'usage', ephemeral: true, text: t(lang, 'registry.thatIsToo', { maxArgsLength: MAX_ARGS_LENGTH }) };
    }
    const services = ctx.services.forChat?.(chatAddress(ctx)) ?? ctx.services;
    return await def.run({ ...ctx, services }, args);
  } catch (err) {
    onError?.(err);
    return { status: 'error', ephemeral: true, text: t(lang, 'registry.somethingWentWrong') };
  }
}

/** A chat's /lang choice wins over detection; a store that cannot answer leaves detection in place. */
async function withChosenLang(ctx: CommandContext, onError?: (err: unknown) => void): Promise<CommandContext> {
  try {
    const chosen = await ctx.services.chats.lang(chatAddress(ctx));
    return chosen && chosen !== ctx.lang ? { ...ctx, lang: chosen, detectedLang: ctx.lang } : ctx;
  } catch (err) {
    onError?.(err);
    return ctx;
  }
}

/**
 * What a button press is answered in when the platform gives no language: the script its message
 * is mostly written in (URLs aside), as text for pickLang ('' when mostly Latin). Any Arabic letter
 * would be too eager here: an English feed preview quotes a topic's Arabic terms.
 */
export function pressedMessageScript(text: string): string {
  const words = text.replace(/https?:\/\/\S+/g, '');
  const arabic = (words.match(/[\u0600-\u06FF]/g) ?? []).length;
  const latin = (words.match(/[A-Za-z]/g) ?? []).length;
  return arabic > latin ? words : '';
}

/** Picks the reply language: what the platform says, else the script the person wrote in. */
export function pickLang(platformLang: string | undefined, text: string): 'ar' | 'en' {
  if (platformLang) return platformLang.toLowerCase().startsWith('ar') ? 'ar' : 'en';
  return /[\u0600-\u06FF]/.test(text) ? 'ar' : 'en';
}
