// /digest [topic] [since] — the digest of stored articles for one topic (or all) over a window.
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import type { CommandDef } from './types.ts';
import { describe } from '../src/i18n/catalogue.ts';

const DEFAULT_SINCE_MS = 24 * 3_600_000;

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
    return ctx.services.digest({ topics: ids, sinceMs: now - (SINCE ?? DEFAULT_SINCE_MS), untilMs: now, lang: ctx.lang });
  },
};
