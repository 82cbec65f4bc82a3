// /help [command] — generated from the registry so it can never drift from the real commands.
import { argLines, argSpec } from './arg-spec.ts';
import { clip, parseArgs, usageReply } from './args.ts';
import { ok, usageLine, type CommandDef } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';
import { closest } from '../src/i18n/suggest.ts';

const SPEC = argSpec([{ name: 'COMMAND', kind: 'word', optional: true, description: describe('describe.help.COMMAND') }]);

export function makeHelp(all: () => readonly CommandDef[]): CommandDef {
  return {
    name: 'help',
    spec: SPEC,
    description: describe('describe.help.help'),
    async run(ctx, argText) {
      const lang = ctx.lang;
      const p = await parseArgs(this.name, SPEC, argText, ctx);
      if (!p.ok) return p.reply;
      const name = p.values.COMMAND?.replace(/^\//, '');
      if (name !== undefined) {
        const def = all().find((c) => c.name === name);
        if (!def) {
          const guess = closest(
            name,
            all().map((c) => ({ value: c.name, names: [c.name] })),
          );
          return usageReply(
            this.name,
            SPEC,
            lang,
            guess ? t(lang, 'help.noCommandGuess', { name: clip(name), guess }) : t(lang, 'help.commandNoCommand', { name: clip(name) }),
          );
        }
        return ok([usageLine(def), def.description[lang], ...argLines(def.spec, lang)].join('\n'), { ephemeral: true });
      }
      const admin = await ctx.isAdmin();
      // Purpose first, the command under it: short lines that fit a phone screen.
      const lines = all()
        .filter((c) => admin || !c.admin || (c.openInPrivate && ctx.chat.kind === 'private'))
        .map((c) => `• ${c.description[lang]}\n   ${usageLine(c)}`);
      return ok([t(lang, 'help.raqibCommands'), ...lines].join('\n'), { ephemeral: true });
    },
  };
}
