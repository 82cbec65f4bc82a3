// "Why?" under a story: the clauses and terms of the topic that matched it, recomputed from the
// stored lead article, answered to the person who asked only.
import { t } from '../src/i18n/catalogue.ts';
import type { ActionOf } from '../src/core/buttons.ts';
import type { ActionResult } from './actions.ts';
import { knownTopic } from './action-topic.ts';
import type { CommandContext } from './types.ts';

const TITLE_MAX = 80;

export async function whyAction(ctx: CommandContext, a: ActionOf<'why'>): Promise<ActionResult> {
  const topic = await knownTopic(ctx, a.topic);
  if (!topic) return { status: 'usage', notice: t(ctx.lang, 'actions.unknownTopic', { topic: a.topic }) };
  const why = ctx.services.explainStory ? await ctx.services.explainStory(a.topic, a.story) : undefined;
  if (!why) return { status: 'usage', notice: t(ctx.lang, 'actions.whyGone') };
  const title = why.title.length > TITLE_MAX ? `${why.title.slice(0, TITLE_MAX - 1)}…` : why.title;
  const lines = [t(ctx.lang, 'actions.whyHeader', { title, topic: topic.name })];
  const sep = ctx.lang === 'ar' ? '، ' : ', ';
  if (why.terms.length > 0) lines.push(t(ctx.lang, 'actions.whyTerms', { terms: why.terms.join(sep) }));
  if (why.clauses.length > 0) lines.push(t(ctx.lang, 'actions.whyClauses', { clauses: why.clauses.join(sep) }));
  if (why.terms.length === 0 && why.clauses.length === 0) lines.push(t(ctx.lang, 'actions.whyNone'));
  const text = lines.join('\n');
  return { status: 'ok', notice: text, reply: { status: 'ok', ephemeral: true, text } };
}
