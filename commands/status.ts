// /status — is raqib healthy: feeds polled and failing, last poll, delivery queue, dead letters.
// Everyone sees the counts; admins also see which feeds fail and why.
import { stamp } from './feeds.ts';
import { NO_ARGS } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { ok, type CommandDef, type UiLang } from './types.ts';
import type { RuntimeChange } from '../src/core/runtime-change.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

const MAX_LISTED = 5;
const MAX_RUNTIME = 10;

/** Topics and feeds changed at run time, with who and when, and how to remove each kind. */
function runtimeLines(lang: UiLang, changes: readonly RuntimeChange[]): string[] {
  if (changes.length === 0) return [];
  const lines = [t(lang, 'status.runtimeHeader')];
  for (const c of changes.slice(0, MAX_RUNTIME)) {
    const who = c.by || c.at ? t(lang, 'status.runtimeWho', { by: c.by ?? '—', at: stamp(c.at) }) : '';
    const change = t(lang, `status.runtimeChange.${c.change}`);
    lines.push(t(lang, 'status.runtimeItem', { kind: t(lang, `status.runtimeKind.${c.kind}`), id: c.id, change, who }));
  }
  if (changes.length > MAX_RUNTIME) lines.push(t(lang, 'status.runtimeMore', { count: changes.length - MAX_RUNTIME }));
  for (const kind of ['topic', 'feed'] as const) if (changes.some((c) => c.kind === kind)) lines.push(t(lang, `status.runtimeUndo.${kind}`));
  return lines;
}

export const status: CommandDef = {
  name: 'status',
  spec: NO_ARGS,
  description: describe('describe.status.status'),
  async run(ctx, argText) {
    const lang = ctx.lang;
    const p = await parseArgs(this.name, NO_ARGS, argText, ctx);
    if (!p.ok) return p.reply;
    const s = await ctx.services.status();
    const polled = s.feeds.filter((f) => f.health);
    const disabled = polled.filter((f) => f.health!.disabledReason);
    const failing = polled.filter((f) => !f.health!.disabledReason && f.health!.failures > 0);
    const healthy = polled.length - disabled.length - failing.length;
    const lastPoll = polled
      .map((f) => f.health!.lastPollAt)
      .filter((x): x is string => !!x)
      .sort()
      .at(-1);
    const lines = [
      t(lang, 'status.feedsOkFailing', {
        length: s.feeds.length,
        healthy,
        failing: failing.length,
        disabled: disabled.length,
        unpolled: s.feeds.length - polled.length,
      }),
      t(lang, 'status.lastPoll', { lastPoll: stamp(lastPoll) }),
      t(lang, 'status.deliveryQueue', { count: s.queueDepth ?? t(lang, 'status.notAvailable') }),
      t(lang, 'status.deadLetters', { count: s.deadLetters ?? t(lang, 'status.notAvailable') }),
    ];
    if (await ctx.isAdmin()) {
      lines.push(t(lang, 'status.store', { store: s.store }));
      const platforms = Object.entries(s.platforms ?? {}).map(([name, p]) => `${name} ${p.state}${p.reason ? ` (${p.reason})` : ''}`);
      if (platforms.length > 0) lines.push(t(lang, 'status.platforms', { list: platforms.join(lang === 'ar' ? '؛ ' : '; ') }));
      // Only admins: even a count says something about other people's chats.
      if (s.personalTopics) lines.push(t(lang, 'status.personalTopics', s.personalTopics));
      for (const f of [...disabled, ...failing].slice(0, MAX_LISTED)) {
        const h = f.health!;
        lines.push(`• ${f.name ?? f.url}: ${h.disabledReason ?? `×${h.failures} ${h.lastError ?? ''}`.trim()}`);
      }
      lines.push(...runtimeLines(lang, s.runtime ?? []));
    }
    return ok(lines.join('\n'), { ephemeral: true });
  },
};
