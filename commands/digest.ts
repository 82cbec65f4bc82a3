// /digest [topic] [since] — the digest of stored articles for one topic (or all) over a window,
// a page of stories at a time with "‹ Prev" / "Next ›". On Slack it answers the asker alone (a
// member's request does not post stories to the whole channel) with a "Share in channel" button.
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { askedPage, pageButtons } from './paging.ts';
import type { ButtonRow, CommandContext, CommandDef, Reply } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

const DEFAULT_SINCE_MS = 24 * 3_600_000;
/** Stories per page: five read as one screen and keep a Telegram message well under its limit. */
export const DIGEST_PAGE_SIZE = 5;

const SPEC = argSpec(
  [
    { name: 'TOPIC', kind: 'topic', optional: true, description: describe('describe.digest.TOPIC') },
    { name: 'SINCE', kind: 'window', optional: true, description: describe('describe.digest.SINCE') },
  ],
  { anyOrder: true },
);

export const digest: CommandDef = {
  name: 'digest',
  spec: SPEC,
  description: describe('describe.digest.digest'),
  async run(ctx, argText) {
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const { TOPIC, SINCE } = p.values;
    const ids = TOPIC ? [TOPIC] : (await ctx.services.topics()).map((t) => t.id);
    const now = ctx.now();
    const reply = await ctx.services.digest({
      topics: ids,
      sinceMs: now - (SINCE ?? DEFAULT_SINCE_MS),
      untilMs: now,
      lang: ctx.lang,
      page: { number: askedPage(ctx), size: DIGEST_PAGE_SIZE },
    });
    return withButtons(ctx, reply, argText);
  },
};

/** The page row, and where the platform answers privately, the Share button and the private flag. */
function withButtons(ctx: CommandContext, reply: Reply, args: string): Reply {
  const page = reply.digest?.page;
  const rows: ButtonRow[] = page ? pageButtons(ctx.lang, 'digest', args, { number: page.number, pages: page.of }) : [];
  // Only Slack can show an answer to one member of a channel; elsewhere the chat sees it as before.
  // In a Slack channel a member's digest is theirs alone until shared; in a DM it is theirs anyway,
  // and an ephemeral there would vanish from the conversation.
  const privately = ctx.platform === 'slack' && !ctx.sharing && ctx.chat.kind !== 'private';
  const shareable = privately && reply.status === 'ok' && reply.digest !== undefined && !reply.digest.empty;
  if (shareable) rows.push([{ label: t(ctx.lang, 'paging.share'), action: { kind: 'share', command: 'digest', args } }]);
  return { ...reply, ...(privately ? { ephemeral: true } : {}), ...(rows.length > 0 ? { buttons: [...(reply.buttons ?? []), ...rows] } : {}) };
}
