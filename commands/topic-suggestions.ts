// `/topic TOPIC suggestions` (admins): exclude terms drawn from the last 30 days' 👎 and 👍 verdicts
// on the topic, each with the stories and stored matches it would keep out, and an "Exclude «term»"
// button that previews the change like `/watch exclude TOPIC term` (commands/action-exclude.ts).
import type { ExcludeSuggestions, Reply, CommandContext, ButtonRow } from './types.ts';
import { ok } from './types.ts';
import { say } from './chat-scope.ts';
import { plural, t } from '../src/i18n/catalogue.ts';
import { MIN_COVER } from '../src/topics/exclude-suggestions.ts';

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 30;
/** Suggestions shown: a handful an admin can judge at a glance. */
const SHOWN = 5;
/** The longest label a button gets (Slack allows 75 characters; Telegram shows about 30 well). */
const LABEL_MAX = 40;

/** The term as typed after /watch exclude: a phrase in quotes. */
const typed = (term: string) => (term.includes(' ') ? `"${term}"` : term);

function listing(ctx: CommandContext, name: string, id: string, s: ExcludeSuggestions): string {
  const lang = ctx.lang;
  const lines = [
    t(lang, 'topic-suggestions.header', {
      topic: name,
      down: plural(lang, 'count.stories', s.down),
      up: plural(lang, 'count.stories', s.up),
      stored: plural(lang, 'count.articles', s.stored),
    }),
    '',
  ];
  s.suggestions.forEach((x, i) => {
    lines.push(`${i + 1}. «${x.term}» — ${t(lang, 'topic-suggestions.line', { down: x.down, up: x.up, stored: x.stored })}`);
  });
  lines.push('', t(lang, 'topic-suggestions.howToApply', { command: `/watch exclude ${id} ${typed(s.suggestions[0]!.term)}` }));
  return lines.join('\n');
}

function buttons(ctx: CommandContext, id: string, s: ExcludeSuggestions): ButtonRow[] {
  return s.suggestions.map((x) => {
    const term = [...x.term].length > LABEL_MAX ? `${[...x.term].slice(0, LABEL_MAX - 1).join('')}…` : x.term;
    return [{ label: t(ctx.lang, 'topic-suggestions.button', { term }), action: { kind: 'exclude', topic: id, term: x.term } }];
  });
}

/** The suggestions reply, or why there are none. */
export async function suggestionsReply(ctx: CommandContext, id: string, name: string): Promise<Reply> {
  const lang = ctx.lang;
  if (!(await ctx.isAdmin())) return { status: 'denied', ephemeral: true, text: say(ctx, 'topic-suggestions.forAdmins') };
  const feedback = ctx.services.feedback;
  if (!feedback) return { status: 'usage', ephemeral: true, text: t(lang, 'topic-suggestions.noFeedback') };
  const now = ctx.now();
  const s = await feedback.suggestExcludes(id, now - WINDOW_DAYS * DAY_MS, now, SHOWN);
  if (s.down < MIN_COVER) {
    return ok(t(lang, 'topic-suggestions.tooFew', { topic: name, down: plural(lang, 'count.stories', s.down), min: MIN_COVER }), { ephemeral: true });
  }
  if (s.suggestions.length === 0) {
    return ok(t(lang, 'topic-suggestions.none', { topic: name, down: plural(lang, 'count.stories', s.down), up: plural(lang, 'count.stories', s.up) }), {
      ephemeral: true,
    });
  }
  return ok(listing(ctx, name, id, s), { ephemeral: true, buttons: buttons(ctx, id, s) });
}
