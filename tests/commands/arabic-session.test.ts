// The done-when check of issue 14: one console-style session in Arabic — every command, Arabic
// topic names, Arabic-Indic digits, Arabic schedule and duration words — run in both languages.
// In Arabic no reply may carry an English word other than URLs, feed text, topic ids and the
// technical tokens people type themselves (command names, time zones, argument placeholders).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import type { CommandContext, UiLang } from '../../commands/types.ts';
import type { TopicDef } from '../../src/core/types.ts';
import { TEST_TOPICS, openWorld, type World } from './command-world.ts';

const NAMES: Record<string, Pick<TopicDef, 'names' | 'aliases'>> = {
  iraq: { names: { en: 'Iraq', ar: 'العراق' }, aliases: ['بغداد'] },
  'militia-threats': { names: { en: 'Militia threats', ar: 'تهديدات الفصائل' }, aliases: ['الفصائل'] },
  'us-strikes': { names: { en: 'US strikes', ar: 'الضربات الأمريكية' }, aliases: ['الضربات'] },
};
const TOPICS: TopicDef[] = TEST_TOPICS.map((t) => ({ ...t, ...NAMES[t.id] }));

/** Every command, typed as an Arabic speaker would. */
const SESSION = [
  '/help',
  '/help subscribe',
  '/help subscrib',
  '/topics',
  '/topic العراق',
  '/digest العراق ٢٤ ساعة',
  '/digest العراق آخر ٣ أيام',
  '/digest عراق',
  '/digest العراق ٢٤h',
  '/digest الفصائل ۲۴h',
  '/search بغداد',
  '/subscribe العراق يومياً ٠٨:٠٠',
  '/subscribe العراق يومي ٢٥:٠٠',
  '/subscribe الضربات فوري',
  '/subscribe الفصائل كل ساعة بغداد',
  '/subscriptions',
  '/mute العراق ٦ ساعات',
  '/mute العراق',
  '/mute الكل يومين',
  '/subscriptions',
  '/mute إلغاء',
  '/unsubscribe الضربات',
  '/status',
  '/feeds list',
  '/watch add test-topic بغداد',
  '/subscrib العراق',
  '/start',
  '/lang',
  '/lang عربي',
  '/digest العراق',
  '/lang',
  '/lang تلقائي',
];

const ENGLISH_WORD = /[A-Za-z]{2,}/g;

/** What may stay Latin in an Arabic reply. */
function allowedLatin(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ') // URLs
    .replace(/\/[a-z]+/g, ' ') // command names
    .replace(/\b[A-Z][A-Za-z_]+\/[A-Za-z_/]+\b|\bUTC\b/g, ' ') // time zones
    .replace(/\b(?:iraq|militia-threats|us-strikes|test-topic)\b/g, ' ') // topic ids
    .replace(/\b[A-Z]{2,}(?::MM)?\b/g, ' ') // argument placeholders: TOPIC, HH:MM
    .replace(/\bcron\b|\b\d+[smhdw]\b/g, ' ') // typed forms shown as examples
    .replace(
      /\b(?:instant|hourly|daily|all|off|on|images|chart|weekly|add|edit|remove|list|include|exclude|confirm|yes|preview|import|export|suggestions|ar|en|auto)\b/g,
      ' ',
    ) // literal words a command takes
    .replace(/\u2068[^\u2069]*\u2069/g, ' ') // isolated feed text and topic queries
    .replace(/«[^»]*»/g, ' ') // what the person typed, quoted back
    .replace(/sqlite:\S*/g, ' '); // the store's address
}

let w: World;
beforeEach(async () => {
  w = await openWorld({ topics: async () => TOPICS });
  await w.seed({ id: 'a1', title: 'فصيل عراقي يهدد باستئناف الهجمات في بغداد', hoursAgo: 2 });
  await w.seed({ id: 'a2', title: 'اجتماع في بغداد حول الانسحاب', hoursAgo: 5 });
});
afterEach(async () => {
  await w.close();
});

async function play(lang: UiLang): Promise<{ line: string; text: string; status: string }[]> {
  const ctx: CommandContext = { ...w.ctx({ lang, admin: true }) };
  const out = [];
  for (const line of SESSION) {
    const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
    const r = await dispatch(ctx, m[1]!, m[2]!.trim(), (e) => {
      throw e;
    });
    out.push({ line, text: r.text, status: r.status });
  }
  return out;
}

describe('an Arabic session', () => {
  it('gets Arabic replies with no English words beyond URLs, feed text, ids and typed forms', async () => {
    const replies = await play('ar');
    const leaks = replies.flatMap((r) => (allowedLatin(r.text).match(ENGLISH_WORD) ?? []).map((word) => `${r.line} → ${word}`));
    expect(leaks).toEqual([]);
  });

  it('understands the same Arabic input in either reply language', async () => {
    for (const lang of ['ar', 'en'] as const) {
      const byLine = new Map((await play(lang)).map((r) => [r.line, r]));
      const ok = (line: string) => expect(byLine.get(line)!.status, `${lang}: ${line}: ${byLine.get(line)!.text}`).toBe('ok');
      for (const line of [
        '/topic العراق',
        '/digest العراق ٢٤ ساعة',
        '/digest العراق آخر ٣ أيام',
        '/digest العراق ٢٤h',
        '/digest الفصائل ۲۴h',
        '/subscribe العراق يومياً ٠٨:٠٠',
        '/subscribe الضربات فوري',
        '/mute العراق ٦ ساعات',
        '/mute الكل يومين',
        '/mute إلغاء',
        '/unsubscribe الضربات',
      ])
        ok(line);
      expect(byLine.get('/digest عراق')!.text).toContain(lang === 'ar' ? 'هل تقصد iraq؟' : 'Did you mean iraq?');
      expect(byLine.get('/subscrib العراق')!.text).toContain(lang === 'ar' ? 'هل تقصد /subscribe؟' : 'did you mean /subscribe?');
      expect(byLine.get('/help subscrib')!.text).toContain('/subscribe');
      expect(byLine.get('/subscribe الفصائل كل ساعة بغداد')!.text).toContain('Asia/Baghdad');
      expect(byLine.get('/mute العراق')!.status).toBe('usage');
      // /start offers the next steps as exact commands; /lang عربي makes even an English client's replies Arabic.
      expect(byLine.get('/start')!.text).toContain('/subscribe iraq');
      expect(byLine.get('/lang عربي')!.text).toBe('تم: الردود والملخصات والتنبيهات هنا صارت باللغة العربية.');
      expect(byLine.get('/digest العراق')!.text).toMatch(/آخر ٢٤ ساعة/);
      expect(byLine.get('/lang')!.text).toContain('العربية');
      expect(byLine.get('/lang تلقائي')!.text).toBe(
        lang === 'ar' ? 'تم: عادت اللغة هنا تُكتشف من كل رسالة.' : 'Done: the language here is detected from each message again.',
      );
    }
    const ar = new Map((await play('ar')).map((r) => [r.line, r.text]));
    expect(ar.get('/subscribe العراق يومياً ٠٨:٠٠')).toContain('يومياً ٠٨:٠٠');
    expect(ar.get('/digest العراق ٢٤ ساعة')).toMatch(/آخر ٢٤ ساعة/);
  });
});
