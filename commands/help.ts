// /help — generated from the registry so it can never drift from the real commands.
import { usageReply, type CommandDef } from './types.ts';

export function makeHelp(all: () => readonly CommandDef[]): CommandDef {
  return {
    name: 'help',
    args: '',
    description: { en: 'Show the commands', ar: 'عرض الأوامر' },
    async run(ctx, argText) {
      if (argText.trim() !== '') return usageReply(this, ctx.lang);
      const admin = await ctx.isAdmin();
      const lines = all()
        .filter((c) => admin || !c.admin)
        .map((c) => `/${c.name}${c.args ? ` ${c.args}` : ''} — ${c.description[ctx.lang]}`);
      return { status: 'ok', text: lines.join('\n') };
    },
  };
}
