// The config file contract (DESIGN.md): feeds, topics, subscriptions and settings. Every key is
// optional; a file holding only `topics:` is valid. Unknown keys are refused so typos surface.
import { z } from 'zod';
import { parseDuration } from '../core/duration.ts';
import { isValidTimezone, parseScheduleMode } from '../core/schedule-mode.ts';
import { validateQuery } from '../topics/index.ts';

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
    if (!nearby && ms < 60_000) ctx.addIssue({ code: 'custom', path: ['interval'], message: 'must be at least 1m for remote feeds (file:// and loopback feeds may use 1s)' });
  });

export const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a topic id is lower-case letters, digits and dashes (e.g. us-strikes)'),
    name: z.string().min(1).optional(),
    // Checked on the field itself, so a bad query is reported even when a sibling field is wrong.
    query: z
      .string()
      .min(1, 'a topic needs a query')
      .max(10_000, 'a query is at most 10000 characters')
      .superRefine((q, ctx) => {
        const problem = validateQuery(q);
        if (problem) ctx.addIssue({ code: 'custom', message: `${problem.message} at ${problem.position}` });
      }),
  })
  .strict();

export const subscriptionSchema = z
  .object({
    topic: z.string().min(1),
    platform: z.enum(['slack', 'telegram', 'console']),
    chat: z.union([z.string().min(1), z.number().int()]).transform(String),
    thread: z.union([z.string().min(1), z.number().int()]).transform(String).optional(),
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
  })
  .strict();

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
  })
  .strict();

export const configSchema = z
  .object({
    feeds: z.array(feedSchema).optional(),
    topics: z.array(topicSchema).optional(),
    subscriptions: z.array(subscriptionSchema).optional(),
    settings: settingsSchema.optional(),
  })
  .strict();

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/**
 * Checks across entries (duplicate topic ids, subscriptions to unknown topics). They read the raw
 * document leniently so that they are reported together with any field problems: zod skips an
 * object's own refinements once a field inside it fails.
 */
export function crossCheck(raw: unknown): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const doc = record(raw);
  if (!doc || !Array.isArray(doc.topics)) return out; // without `topics:` the default pack applies; the loader checks it
  const seen = new Map<string, number>();
  doc.topics.forEach((t, i) => {
    const id = record(t)?.id;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first !== undefined) out.push({ path: ['topics', i, 'id'], message: `duplicate topic id "${id}" (first at topics[${first}])` });
    else seen.set(id, i);
  });
  if (Array.isArray(doc.subscriptions)) {
    doc.subscriptions.forEach((s, i) => {
      const topic = record(s)?.topic;
      if (typeof topic === 'string' && topic !== '' && !seen.has(topic)) out.push({ path: ['subscriptions', i, 'topic'], message: `unknown topic "${topic}"` });
    });
  }
  return out;
}

export type RaqibConfig = z.infer<typeof configSchema>;
export type FeedConfig = z.infer<typeof feedSchema>;
export type SubscriptionConfig = z.infer<typeof subscriptionSchema>;
export type Settings = z.infer<typeof settingsSchema>;
