// `raqib digest TOPIC [--since 24h] [--format text|slack|telegram|json] [--max N] [--config FILE]`:
// the digest a channel would get, from stored articles (a documented command-line contract). An empty window
// prints the on-demand "nothing new" answer and succeeds.
import type { Writable } from 'node:stream';
import { parseDuration } from '../core/duration.ts';
import type { TopicDef } from '../core/types.ts';
import { buildDigest, renderJson, renderSlack, renderTelegram, renderText, type Digest } from '../digest/index.ts';
import { feedIdFor } from '../feeds/feed-spec.ts';
import { ArticleStore } from '../store/article-store.ts';
import type { Store } from '../store/open-store.ts';
import { RegistryStore } from '../store/registry-store.ts';
import { StoryIndex } from '../stories/story-index.ts';
import { EXIT_USAGE, openStoreOrReport, requireConfigContext } from './context.ts';
import { parseArgs, write, type CliIO } from './io.ts';

export const USAGE = 'usage: raqib digest TOPIC [--since 24h] [--format text|slack|telegram|json] [--max N] [--config FILE]';
const FORMATS = ['text', 'slack', 'telegram', 'json'] as const;
export type DigestFormat = (typeof FORMATS)[number];

export interface DigestRequest {
  topics: string[];
  sinceMs: number;
  format: DigestFormat;
  maxStories?: number;
  config?: string;
}

/** Parses the arguments; a string is the problem to print above the usage line. */
export function parseDigestArgs(argv: readonly string[]): DigestRequest | { help: true } | string {
  const args = parseArgs(argv, ['since', 'format', 'max', 'config']);
  if ('error' in args) return args.error;
  if (args.flags.has('help')) return { help: true };
  for (const name of args.flags.keys()) if (!['since', 'format', 'max', 'config'].includes(name)) return `unknown option --${name}`;
  if (args.positionals.length === 0) return 'which topic? (raqib digest TOPIC)';
  if (args.positionals.length > 1) return `one topic at a time (got ${args.positionals.map((p) => `"${p}"`).join(' ')})`;
  const sinceRaw = args.flags.get('since') ?? '24h';
  const sinceMs = typeof sinceRaw === 'string' ? parseDuration(sinceRaw) : undefined;
  if (sinceMs === undefined) return `--since "${String(sinceRaw)}" is not a duration such as 90m, 24h, 3d or 1w`;
  const format = args.flags.get('format') ?? 'text';
  if (!FORMATS.includes(format as DigestFormat)) return `--format must be one of ${FORMATS.join(', ')} (got "${String(format)}")`;
  const req: DigestRequest = { topics: [args.positionals[0]!], sinceMs, format: format as DigestFormat };
  const max = args.flags.get('max');
  if (max !== undefined) {
    const n = typeof max === 'string' && /^\d{1,3}$/.test(max) ? Number(max) : NaN;
    if (!(n >= 1 && n <= 100)) return `--max must be a whole number from 1 to 100 (got "${String(max)}")`;
    req.maxStories = n;
  }
  const config = args.flags.get('config');
  if (typeof config === 'string') req.config = config;
  return req;
}

/** The digest in the requested format, as the text to print. */
export function formatDigest(d: Digest, format: DigestFormat): string {
  switch (format) {
    case 'json':
      return renderJson(d);
    case 'slack':
      return `${JSON.stringify(renderSlack(d), null, 2)}\n`;
    case 'telegram':
      // One message per chunk, as they would be sent; a separator line between messages.
      return `${renderTelegram(d).join('\n\n-- next message --\n\n')}\n`;
    default:
      return renderText(d);
  }
}

export interface DigestDeps {
  store: Store;
  topics: readonly TopicDef[];
  /** Feed id → display name (config and runtime feeds). */
  feedNames: ReadonlyMap<string, string>;
  now: number;
  defaultMax?: number;
}

/** Builds the digest for an already-validated request (topics known). */
export async function digestFor(req: DigestRequest, deps: DigestDeps): Promise<Digest> {
  return buildDigest({
    topics: req.topics,
    topicDefs: deps.topics,
    sinceMs: deps.now - req.sinceMs,
    untilMs: deps.now,
    maxStories: req.maxStories ?? deps.defaultMax ?? 10,
    articles: new ArticleStore(deps.store),
    stories: new StoryIndex(deps.store),
    feedName: (id) => deps.feedNames.get(id),
  });
}

async function usage(out: Writable, problem?: string): Promise<number> {
  await write(out, `${problem ? `raqib digest: ${problem}\n` : ''}${USAGE}\n`);
  return problem ? EXIT_USAGE : 0;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const req = parseDigestArgs(argv);
  if (typeof req === 'string') return usage(io.stderr, req);
  if ('help' in req) return usage(io.stdout);

  const ctx = await requireConfigContext(io, req.config);
  if (!ctx) return EXIT_USAGE;
  const store = await openStoreOrReport(io, ctx.env);
  if (!store) return 1;
  try {
    const registry = new RegistryStore(store);
    const topics = await registry.topics.over(ctx.topics, (t) => t.id);
    const known = new Set(topics.map((t) => t.id));
    const unknown = req.topics.filter((t) => !known.has(t));
    if (unknown.length > 0) {
      const list = topics.map((t) => (t.name && t.name !== t.id ? `  ${t.id}  (${t.name})` : `  ${t.id}`)).join('\n');
      await write(io.stderr, `raqib digest: unknown topic "${unknown[0]}". Known topics:\n${list || '  (none configured)'}\n`);
      return EXIT_USAGE;
    }
    const feedNames = new Map<string, string>();
    const runtimeFeeds = await registry.feeds.over([], (f) => f.url);
    for (const f of [...(ctx.loaded.config.feeds ?? []), ...runtimeFeeds]) if (f.name) feedNames.set(feedIdFor(f.url), f.name);
    const digest = await digestFor(req, {
      store,
      topics,
      feedNames,
      now: Date.now(),
      ...(ctx.loaded.config.settings?.digestSize ? { defaultMax: ctx.loaded.config.settings.digestSize } : {}),
    });
    await write(io.stdout, formatDigest(digest, req.format));
    return 0;
  } catch (e) {
    await write(io.stderr, `raqib digest: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
