// /lang [ar|en|auto] — the language raqib speaks here: replies, digests and alerts. A person
// chooses for their private chat, a chat's administrators for a group or channel; "auto" goes
// back to detecting it from the person's client and the script they type in.
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { chatAddress, say } from './chat-scope.ts';
import { ok, type CommandDef, type UiLang } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

const SPEC = argSpec([{ name: 'LANG', kind: 'enum', values: ['ar', 'en', 'auto'], optional: true, description: describe('describe.lang.LANG') }]);

/** Names people type for the languages, in either script. */
const WORDS: Record<string, 'ar' | 'en' | 'auto'> = {
  arabic: 'ar',
  عربي: 'ar',
  عربية: 'ar',
  العربية: 'ar',
  english: 'en',
  إنجليزي: 'en',
  انجليزي: 'en',
  الإنجليزية: 'en',
  الانجليزية: 'en',
  تلقائي: 'auto',
  تلقائياً: 'auto',
};

const nameOf = (lang: UiLang, of: UiLang) => t(lang, of === 'ar' ? 'lang.arabic' : 'lang.english');

export const lang: CommandDef = {
  name: 'lang',
  spec: SPEC,
  description: describe('describe.lang.lang'),
  async run(ctx, argText) {
    const typed = WORDS[argText.trim().toLowerCase()] ?? argText;
    const p = await parseArgs(this.name, SPEC, typed, ctx);
    if (!p.ok) return p.reply;
    const where = chatAddress(ctx);
    const choice = p.values.LANG;
    if (choice === undefined) {
      const current = await ctx.services.chats.lang(where);
      const now = current ? t(ctx.lang, 'lang.currentChosen', { name: nameOf(ctx.lang, current) }) : t(ctx.lang, 'lang.currentAuto');
      return ok([now, t(ctx.lang, 'lang.usage')].join('\n'), { ephemeral: true });
    }
    if (!(await ctx.isChatAdmin())) return { status: 'denied', ephemeral: true, text: say(ctx, 'lang.onlyAdmins') };
    const next = choice === 'auto' ? undefined : choice;
    await ctx.services.chats.setLang(where, next, `${ctx.platform}:${ctx.user.id}`);
    // Answered in the language just chosen (or, back on auto, the detected one).
    const answerIn = next ?? ctx.detectedLang ?? ctx.lang;
    return ok(next ? t(answerIn, 'lang.setTo', { name: nameOf(answerIn, next) }) : t(answerIn, 'lang.setAuto'));
  },
};
