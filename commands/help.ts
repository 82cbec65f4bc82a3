// /help [command] — generated from the registry so it can never drift from the real commands.
import { clip } from './args.ts';
import { ok, tr, usageLine, usageReply, type CommandDef } from './types.ts';

export function makeHelp(all: () => readonly CommandDef[]): CommandDef {
  return {
    name: 'help',
    args: '[COMMAND]',
    description: { en: 'Show the commands', ar: 'عرض الأوامر' },
    async run(ctx, argText) {
      const lang = ctx.lang;
      const arg = argText.trim().replace(/^\//, '').toLowerCase();
      if (arg !== '') {
        const def = all().find((c) => c.name === arg);
        if (!def || /\s/.test(arg)) return usageReply(this, lang, tr(lang, `No command "${clip(arg)}".`, `لا يوجد أمر «${clip(arg)}».`));
        return ok(`${usageLine(def)}\n${def.description[lang]}`, { ephemeral: true });
      }
      const admin = await ctx.isAdmin();
      const lines = all()
        .filter((c) => admin || !c.admin)
        .map((c) => `${usageLine(c)} — ${c.description[lang]}`);
      return ok([tr(lang, 'raqib commands:', 'أوامر رقيب:'), ...lines].join('\n'), { ephemeral: true });
    },
  };
}
