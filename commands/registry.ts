// The command registry: the single list from which /help, Telegram's command menu and the Slack
// manifest are generated, and the dispatcher every platform calls.
import { digest } from './digest.ts';
import { makeHelp } from './help.ts';
import { topics } from './topics.ts';
import type { CommandContext, CommandDef, Reply } from './types.ts';

const list: CommandDef[] = [];
list.push(digest, topics, makeHelp(() => list));

export const commands: readonly CommandDef[] = list;

export function findCommand(name: string): CommandDef | undefined {
  return list.find((c) => c.name === name.toLowerCase());
}

/** Splits "/digest@raqib_bot iraq 24h" into the command name and its argument text. */
export function parseCommandLine(line: string): { name: string; bot?: string; args: string } | undefined {
  const m = /^\/([A-Za-z0-9_-]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/.exec(line.trim());
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), bot: m[2], args: (m[3] ?? '').trim() };
}

/** Runs a command; one bad command never throws out of here. */
export async function dispatch(ctx: CommandContext, name: string, args: string): Promise<Reply> {
  const def = findCommand(name);
  if (!def) {
    const text = ctx.lang === 'ar' ? `أمر غير معروف: /${name}. اكتب /help` : `Unknown command /${name}. Try /help.`;
    return { status: 'usage', ephemeral: true, text };
  }
  if (def.admin && !(await ctx.isAdmin())) {
    return { status: 'denied', ephemeral: true, text: ctx.lang === 'ar' ? 'هذا الأمر للمشرفين فقط.' : `/${def.name} is for admins only.` };
  }
  try {
    return await def.run(ctx, args);
  } catch {
    return { status: 'error', ephemeral: true, text: ctx.lang === 'ar' ? 'حدث خطأ؛ حاول لاحقاً.' : 'Something went wrong; please try again later.' };
  }
}
