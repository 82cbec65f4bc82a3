// /watch for everyone in their private chat: a person who is not an admin adds, edits and removes
// topics of their own (personal topics), seen and matched for that chat only. Global topics stay
// the admins'. A new personal topic is subscribed at once, instantly, in its chat — the way an
// alert service works: you create an alert and it starts arriving (/subscribe changes the mode).
import { DEFAULT_TIMEZONE } from '../src/core/schedule-mode.ts';
import type { TopicDef } from '../src/core/types.ts';
import { t } from '../src/i18n/catalogue.ts';
import { chatAddress } from './chat-scope.ts';
import type { CommandContext, WatchChange } from './types.ts';

/** Most personal topics one chat may have. */
export const PERSONAL_TOPIC_LIMIT = 10;

const isPersonal = (t: TopicDef | undefined) => t?.origin === 'personal';

/**
 * Why a non-admin may not make this change in their private chat, or undefined when they may:
 * global topics are the admins', a personal id may not take a global one's, and the limit holds.
 */
export function personalRefusal(ctx: CommandContext, action: string, id: string, topics: readonly TopicDef[]): string | undefined {
  const lang = ctx.lang;
  const existing = topics.find((x) => x.id === id);
  if (action === 'add') {
    if (existing && !isPersonal(existing)) return t(lang, 'watch-personal.globalIdTaken', { id });
    if (existing) return undefined; // the command says "exists; use /watch edit"
    const mine = topics.filter(isPersonal).length;
    if (mine >= PERSONAL_TOPIC_LIMIT) return t(lang, 'watch-personal.limitReached', { limit: PERSONAL_TOPIC_LIMIT });
    return undefined;
  }
  if (existing && !isPersonal(existing)) return t(lang, 'watch-personal.globalIsAdmins', { id });
  return undefined;
}

/** Whether the change is to one of this chat's personal topics (a new one, or one it has). */
export function changesPersonal(change: WatchChange, topics: readonly TopicDef[]): boolean {
  if (change.kind === 'put' && change.personal) return true;
  const id = change.kind === 'put' ? change.topic.id : change.id;
  return isPersonal(topics.find((x) => x.id === id));
}

/**
 * Saves a change to a personal topic; its chat's subscription follows it (made on add, dropped
 * on remove, before the topic goes, while its id still names it). Undefined: say what /watch says.
 */
export async function savePersonal(ctx: CommandContext, change: WatchChange, apply: () => Promise<void>): Promise<string | undefined> {
  const lang = ctx.lang;
  const where = chatAddress(ctx);
  if (change.kind === 'remove') await ctx.services.subscriptions.remove(where, change.id);
  await apply();
  if (change.kind === 'remove') return t(lang, 'watch-personal.removed', { id: change.id });
  if (change.kind !== 'put' || change.action !== 'add') return undefined;
  const by = `${ctx.platform}:${ctx.user.id}`;
  await ctx.services.subscriptions.put(where, { topic: change.topic.id, mode: { kind: 'instant' }, timezone: DEFAULT_TIMEZONE, by, lang });
  return t(lang, 'watch-personal.added', { id: change.topic.id, query: change.topic.query });
}
