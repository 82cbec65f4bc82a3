// /trend [TOPIC…] [SINCE] — a chart of stories per day for topics (default: this chat's
// subscriptions, else every watched topic; last 30 days). A window over 90 days is cut to 90 and
// the caption says so.
import { argSpec } from './arg-spec.ts';
import { parseArgs } from './args.ts';
import { chatAddress } from './chat-scope.ts';
import type { CommandDef } from './types.ts';
import { describe } from '../src/i18n/catalogue.ts';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

const SPEC = argSpec(
  [
    {
      name: 'TOPIC',
      kind: 'topic',
      optional: true,
      many: true,
      description: describe('describe.trend.TOPIC'),
    },
    // Longer than 90 days is accepted and cut to 90 (said in the caption); a year is the sane end.
    {
      name: 'SINCE',
      kind: 'window',
      optional: true,
      max: 365 * DAY_MS,
      description: describe('describe.trend.SINCE'),
    },
  ],
  { anyOrder: true },
);

export const trend: CommandDef = {
  name: 'trend',
  spec: SPEC,
  description: describe('describe.trend.trend'),
  async run(ctx, argText) {
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const where = chatAddress(ctx);
    let topics = p.values.TOPIC ?? [];
    if (topics.length === 0) topics = [...new Set((await ctx.services.subscriptions.list(where)).map((s) => s.topic))];
    if (topics.length === 0) topics = (await ctx.services.topics()).map((t) => t.id);
    const days = Math.ceil((p.values.SINCE ?? DEFAULT_DAYS * DAY_MS) / DAY_MS);
    return ctx.services.trend({ topics, days, untilMs: ctx.now(), lang: ctx.lang, where });
  },
};
