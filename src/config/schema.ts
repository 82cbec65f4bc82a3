// The config file contract (DESIGN.md): feeds, topics, subscriptions and settings. Every key is
// optional; a file holding only `topics:` is valid. Unknown keys are refused so typos surface.
import { z } from 'zod';
import { parseDuration } from '../core/duration.ts';
import { isValidTimezone, parseScheduleMode } from '../core/schedule-mode.ts';
import type { TopicDef } from '../core/types.ts';
import { checkExcludeTerms } from '../topics/exclude-terms.ts';

const duration = (what: string) =>
  z.string().refine((s) => parseDuration(s) !== undefined, { message: `${what} must be a duration such as 90s, 5m, 24h or 3d` });

export const feedSchema = z
  .object({
    url: z.string().min(1, 'a feed needs a url'),
    name: z.string().min(1).optional(),
    interval: duration('interval').optional(),
    fullText: z.boolean().optional(),
    /** Alert on the items of the very first poll (default false: no backlog flood). */
    alertOnFirstPoll: z.boolean().optional(),
    maxAge: duration('maxAge').optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(f.url)?.[1]?.toLowerCase();
    // A bare path (no scheme, or a Windows drive letter) is a local file.
    const local = scheme === undefined || scheme === 'file' || /^[a-z]$/i.test(scheme);
    if (!local && scheme !== 'http' && scheme !== 'https') {
      ctx.addIssue({ code: 'custom', path: ['url'], message: `"${scheme}:" feeds are not supported: use http(s), file:// or a local path` });
      return;
    }
    let host = '';
    if (!local) {
      try {
        host = new URL(f.url).hostname.replace(/^\[|\]$/g, '');
      } catch {
        ctx.addIssue({ code: 'custom', path: ['url'], message: 'not a valid URL' });
        return;
      }
    }
    const ms = f.interval === undefined ? undefined : parseDuration(f.interval);
    if (ms === undefined) return;
    const nearby = local || host === 'localhost' || host === '::1' || /^127\./.test(host);
    if (nearby && ms < 1_000) ctx.addIssue({ code: 'custom', path: ['interval'], message: 'must be at least 1s' });
    if (!nearby && ms < 60_000)
      ctx.addIssue({ code: 'custom', path: ['interval'], message: 'must be at least 1m for remote feeds (file:// and loopback feeds may use 1s)' });
  });

export const subscriptionSchema = z
  .object({
    topic: z.string().min(1),
    platform: z.enum(['slack', 'telegram', 'console']),
    chat: z.union([z.string().min(1), z.number().int()]).transform(String),
    thread: z
      .union([z.string().min(1), z.number().int()])
      .transform(String)
      .optional(),
    mode: z
      .string()
      .superRefine((m, ctx) => {
        const r = parseScheduleMode(m);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
      })
      .optional(),
    timezone: z.string().refine(isValidTimezone, { message: 'not a known IANA time zone (e.g. Asia/Baghdad)' }).optional(),
    /** Replies to an instant alert when later reports join its story (default thread). */
    followUps: z.enum(['thread', 'off']).optional(),
    /** false: instant alerts without the article's picture (default true). */
    images: z.boolean().optional(),
    /** weekly: the first digest of each week carries the week's trend chart. */
    chart: z.enum(['weekly']).optional(),
    /** This chat's own exclude terms (read like topic terms): matching articles are not sent here. */
    exclude: z
      .array(z.union([z.string().min(1), z.number()]).transform(String))
      .superRefine((terms, ctx) => {
        const r = checkExcludeTerms(terms);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: `exclude term "${r.term}": ${r.message}` });
      })
      .optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    // The chart rides on digests; an instant subscription has none.
    const mode = parseScheduleMode(s.mode ?? 'daily 08:00');
    if (s.chart === 'weekly' && mode.ok && mode.mode.kind === 'instant')
      ctx.addIssue({ code: 'custom', path: ['chart'], message: 'chart: weekly needs a digest mode (hourly, daily HH:MM or cron), not instant' });
  });

export const settingsSchema = z
  .object({
    /** Ignore feed items older than this. */
    maxAge: duration('maxAge').optional(),
    /** Articles older than this are purged from the store. */
    retention: duration('retention').optional(),
    /** Most stories listed in one digest. */
    digestSize: z.number().int().min(1).max(50).optional(),
    /** Instant alerts to one chat within this window go out as one message. */
    batchWindow: duration('batchWindow').optional(),
    /** Hosts or CIDR ranges that feeds may reach although they are private (local deployments, tests). */
    allowPrivateNetworks: z.array(z.string().min(1)).optional(),
    /** Feed fetch User-Agent. */
    userAgent: z.string().min(1).optional(),
    /** false: the config's topics only, without the default pack's (its vocabularies stay usable). */
    defaultPack: z.boolean().optional(),
  })
  .strict();

export const configSchema = z
  .object({
    feeds: z.array(feedSchema).optional(),
    // Read with their YAML lines by src/topics/topic-read.ts (the same reader as the default pack).
    vocabularies: z.unknown().optional(),
    topics: z.array(z.unknown()).optional(),
    subscriptions: z.array(subscriptionSchema).optional(),
    settings: settingsSchema.optional(),
  })
  .strict();

/** The config after loading: `topics` is the composed list (default pack + config), never absent. */
export type RaqibConfig = Omit<z.infer<typeof configSchema>, 'topics' | 'vocabularies'> & { topics: TopicDef[] };
export type FeedConfig = z.infer<typeof feedSchema>;
export type SubscriptionConfig = z.infer<typeof subscriptionSchema>;
export type Settings = z.infer<typeof settingsSchema>;
