// /watch — admins change the watched topics at run time: add or edit a topic's query, remove it,
// or edit a topic by clause (include: more terms for its main clause; exclude: terms that keep an
// article out). Every change is previewed first over the last 7 days' stored articles and saved
// by `/watch confirm` (or the same command ending in `confirm`/`yes`). Queries are validated
// before anything is stored; a bad one is refused with where and why.
import { argSpec } from './arg-spec.ts';
import { parseArgs, usageReply } from './args.ts';
import { previewText, describeChange } from './watch-preview.ts';
import { ok, type CommandContext, type CommandDef, type Reply, type WatchChange } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';
import { termsFromText } from '../src/topics/topic-overlay.ts';

const WEEK_MS = 7 * 86_400_000;

const SPEC = argSpec([
  { name: 'ACTION', kind: 'enum', values: ['add', 'edit', 'remove', 'include', 'exclude', 'confirm'], description: describe('describe.watch.ACTION') },
  { name: 'TOPIC', kind: 'topicId', optional: true, description: describe('describe.watch.TOPIC') },
  { name: 'QUERY', kind: 'query', optional: true, description: describe('describe.watch.QUERY') },
]);

/** Whose staged change `/watch confirm` takes: the same person in the same chat (and thread). */
export const draftKey = (ctx: CommandContext) => `${ctx.platform}:${ctx.chat.id}:${ctx.chat.thread ?? ''}:${ctx.user.id}`;

/** Saves the change and says what was saved. */
async function save(ctx: CommandContext, change: WatchChange): Promise<Reply> {
  const lang = ctx.lang;
  await ctx.services.watch.apply(change, `${ctx.platform}:${ctx.user.id}`);
  if (change.kind === 'remove') return ok(t(lang, 'watch.removedTopicSubscriptions', { id: change.id }));
  if (change.kind === 'overlay') return ok(`${t(lang, 'watch.saved')}: ${describeChange(change, lang)}`);
  const { id, query } = change.topic;
  return ok(change.action === 'add' ? t(lang, 'watch.watching', { id, query }) : t(lang, 'watch.updated', { id, query }));
}

/**
 * Previews a change over the last 7 days' stored articles and stages it for `/watch confirm`: the
 * one path to a change from /watch and from an "Exclude" button under /topic … suggestions.
 */
export async function previewAndStage(ctx: CommandContext, change: WatchChange): Promise<Reply> {
  const now = ctx.now();
  const preview = await ctx.services.watch.preview(change, now - WEEK_MS, now);
  ctx.services.watch.stage(draftKey(ctx), change, now);
  return ok(previewText(change, preview, ctx.lang, '/watch confirm'), { ephemeral: true });
}

export const watch: CommandDef = {
  name: 'watch',
  spec: SPEC,
  description: describe('describe.watch.watch'),
  admin: true,
  async run(ctx, argText) {
    const lang = ctx.lang;
    const usage = (problem?: string) => usageReply(this.name, SPEC, lang, problem);
    if (/^\s*(confirm|yes)\s*$/i.test(argText)) {
      const staged = ctx.services.watch.takeStaged(draftKey(ctx), ctx.now());
      if (!staged) return usage(t(lang, 'watch.nothingToConfirm'));
      return save(ctx, staged);
    }
    // A trailing confirm/yes saves without the second step (the person saw the preview before).
    const tail = /^(.*\S)\s+(?:confirm|yes)\s*$/is.exec(argText);
    const confirmed = tail !== null;
    const p = await parseArgs(this.name, SPEC, tail ? tail[1]! : argText, ctx);
    if (!p.ok) return p.reply;
    const { ACTION: action, TOPIC: id, QUERY: query } = p.values;
    if (action === 'confirm' || id === undefined) return usage(t(lang, 'watch.topicIsMissing'));
    const existing = (await ctx.services.topics()).find((t) => t.id === id);
    let change: WatchChange;
    if (action === 'remove') {
      if (query !== undefined) return usage();
      if (!existing) return usage(t(lang, 'watch.noTopic', { id }));
      change = { kind: 'remove', id };
    } else if (query === undefined) {
      return action === 'add' || action === 'edit' ? usage(t(lang, 'watch.queryAQuery')) : usage(t(lang, 'watch.queryTermsAre'));
    } else if (action === 'add' || action === 'edit') {
      if (action === 'add' && existing) return usage(t(lang, 'watch.topicExistsUse', { id }));
      if (action === 'edit' && !existing) return usage(t(lang, 'watch.noTopicUse', { id }));
      change = { kind: 'put', action, topic: { id, ...(existing?.name ? { name: existing.name } : {}), query } };
    } else {
      if (!existing) return usage(t(lang, 'watch.noTopic', { id }));
      const terms = termsFromText(query);
      change = { kind: 'overlay', id, include: action === 'include' ? terms : [], exclude: action === 'exclude' ? terms : [] };
    }
    if (confirmed) return save(ctx, change);
    return previewAndStage(ctx, change);
  },
};
