// The platform-neutral command contract. A command parses its own arguments and returns a Reply;
// it never imports a platform SDK. Platforms translate their events into a CommandContext and the
// Reply into their own message format.
import type { PlatformName } from '../src/core/outbound.ts';
import type { TopicDef } from '../src/core/types.ts';

export type UiLang = 'ar' | 'en';

export interface Reply {
  /** Plain text, never markup: each platform escapes it. */
  text: string;
  /** 'usage' and 'denied' mean nothing was changed. */
  status: 'ok' | 'usage' | 'denied' | 'error';
  /** Shown only to the person who asked, where the platform can (Slack ephemeral). */
  ephemeral?: boolean;
  /** A digest to render natively (Block Kit, Telegram HTML); `text` is its plain fallback. */
  digest?: unknown;
}

export interface ChatInfo {
  id: string;
  kind: 'private' | 'group' | 'channel';
  thread?: string;
}

export interface CommandContext {
  platform: PlatformName;
  chat: ChatInfo;
  user: { id: string; name?: string };
  lang: UiLang;
  /** RAQIB_ADMINS, or the platform says this user administers the chat. */
  isAdmin(): Promise<boolean>;
  services: CommandServices;
  now(): number;
}

/** What commands may use; wired in src/main.ts. */
export interface CommandServices {
  topics(): Promise<TopicDef[]>;
  /** A digest of stored articles for these topics in the window, as a Reply. */
  digest(req: { topics: string[]; sinceMs: number; untilMs: number; lang: UiLang }): Promise<Reply>;
}

export interface CommandDef {
  name: string;
  /** Argument synopsis, e.g. "[topic] [since]". */
  args: string;
  description: Record<UiLang, string>;
  /** Only admins may run it. */
  admin?: boolean;
  run(ctx: CommandContext, argText: string): Promise<Reply>;
}

export function usageReply(def: CommandDef, lang: UiLang, problem?: string): Reply {
  const line = `/${def.name}${def.args ? ` ${def.args}` : ''}`;
  const prefix = problem ? `${problem}\n` : '';
  return { status: 'usage', ephemeral: true, text: `${prefix}${lang === 'ar' ? 'الاستخدام' : 'Usage'}: ${line}` };
}
