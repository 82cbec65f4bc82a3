// /watch — admins change the watched topics at run time: add or edit a topic's query, remove it,
// or edit a topic by clause (include: more terms for its main clause; exclude: terms that keep an
// article out). Every change is previewed first over the last 7 days' stored articles and saved
// by `/watch confirm` (or the same command ending in `confirm`/`yes`). Queries are validated
// before anything is stored; a bad one is refused with where and why. In a private chat anyone
// may run it for topics of their own (watch-personal.ts); admins' topics are every chat's.
import { argSpec } from './arg-spec.ts';
import { parseArgs, usageReply } from './args.ts';
import { previewText, describeChange } from './watch-preview.ts';
import { ok, type CommandContext, type CommandDef, type Reply, type WatchChange } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';
import { termsFromText } from '../src/topics/topic-overlay.ts';
import type { TopicDef } from '../src/core/types.ts';
import { changesPersonal, personalRefusal, savePersonal } from './watch-personal.ts';

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
  const topics = await ctx.services.topics();
  const apply = () => ctx.services.watch.apply(change, `${ctx.platform}:${ctx.user.id}`);
  if (changesPersonal(change, topics)) {
    // The limit again: another preview may have been confirmed since this one was made.
    const refused = change.kind === 'put' && change.action === 'add' ? personalRefusal(ctx, 'add', change.topic.id, topics) : undefined;
    if (refused) return usageReply('watch', SPEC, lang, refused);
    const said = await savePersonal(ctx, change, apply);
    if (said) return ok(said);
  } else await apply();
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
  await ctx.services.watch.stage(draftKey(ctx), change, now);
  return ok(previewText(change, preview, ctx.lang, '/watch confirm'), { ephemeral: true });
}

export const watch: CommandDef = {
  name: 'watch',
  spec: SPEC,
  description: describe('describe.watch.watch'),
  admin: true,
  openInPrivate: true,
  async run(ctx, argText) {
    const lang = ctx.lang;
    const usage = (problem?: string) => usageReply(this.name, SPEC, lang, problem);
    if (/^\s*(confirm|yes)\s*$/i.test(argText)) {
      const staged = await ctx.services.watch.takeStaged(draftKey(ctx), ctx.now());
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
    const topics = await ctx.services.topics();
    // Only an admin reaches here outside a private chat (the dispatcher checks).
    const admin = await ctx.isAdmin();
    const refused = admin ? undefined : personalRefusal(ctx, action, id, topics);
    if (refused) return { ...usage(refused), status: 'denied' };
    const existing = topics.find((x) => x.id === id);
    const change = changeFor(action, id, query, existing, !admin);
    if (typeof change === 'string') return usage(change === '' ? undefined : t(lang, change, { id }));
    if (confirmed) return save(ctx, change);
    return previewAndStage(ctx, change);
  },
};

type Problem = '' | 'watch.noTopic' | 'watch.queryAQuery' | 'watch.queryTermsAre' | 'watch.topicExistsUse' | 'watch.noTopicUse';

/** The change the words ask for, or the catalogue key of what is wrong ('' for the usage alone). */
function changeFor(action: string, id: string, query: string | undefined, existing: TopicDef | undefined, personal: boolean): WatchChange | Problem {
  if (action === 'remove') {
    if (query !== undefined) return '';
    return existing ? { kind: 'remove', id } : 'watch.noTopic';
  }
  if (query === undefined) return action === 'add' || action === 'edit' ? 'watch.queryAQuery' : 'watch.queryTermsAre';
  if (action === 'add' || action === 'edit') {
    if (action === 'add' && existing) return 'watch.topicExistsUse';
    if (action === 'edit' && !existing) return 'watch.noTopicUse';
    const topic = { id, ...(existing?.name ? { name: existing.name } : {}), query };
    return { kind: 'put', action, topic, ...(action === 'add' && personal ? { personal: true } : {}) };
  }
  if (!existing) return 'watch.noTopic';
  const terms = termsFromText(query);
  return { kind: 'overlay', id, include: action === 'include' ? terms : [], exclude: action === 'exclude' ? terms : [] };
}
