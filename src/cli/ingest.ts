// `raqib ingest [--config FILE] [FEED…]`: fetch (or read) feeds once, match and store; one line per
// feed (status, new / seen items, time) and a total. FEED is an http(s) URL, a file:// URL, a
// local path, or a directory (every file in it: bulk checks, with a progress bar on a terminal).
// No FEED: the configured feeds. Exit 1 only when every feed failed, 2 on usage or config errors.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDuration } from '../core/duration.ts';
import { createFetcher } from '../feeds/fetch.ts';
import { OPERATOR_LOCAL_HOSTS } from '../app/feed-catalog.ts';
import { feedIdFor, feedLocationKey, feedSpec, type FeedSpec } from '../feeds/feed-spec.ts';
import { pollFailed, pollFeed, type IngestDeps, type PollResult } from '../pipeline/ingest.ts';
import { ArticleStore } from '../store/article-store.ts';
import { FeedStateStore } from '../store/feed-state-store.ts';
import { StoryIndex } from '../stories/index.ts';
import { openStoreOrReport, requireConfigContext, EXIT_USAGE } from './context.ts';
import { parseArgs, write, type CliIO } from './io.ts';
import { mapPool } from '../core/pool.ts';
import { assignWithChanges } from '../digest/story-changes.ts';

const USAGE = 'usage: raqib ingest [--config FILE] [--concurrency N] [FEED…]   (FEED: URL, file://, path or directory)';

interface Target {
  spec: FeedSpec;
  label: string;
  fromDirectory: boolean;
}

/** Expands FEED arguments: directories become their files (sorted, hidden files skipped). */
export function expandTargets(args: readonly string[], cwd: string): { targets: { location: string; fromDirectory: boolean }[]; problems: string[] } {
  const targets: { location: string; fromDirectory: boolean }[] = [];
  const problems: string[] = [];
  for (const a of args) {
    if (/^https?:\/\//i.test(a)) {
      targets.push({ location: a, fromDirectory: false });
      continue;
    }
    let p: string;
    try {
      p = /^file:/i.test(a) ? fileURLToPath(a) : resolve(cwd, a);
    } catch {
      problems.push(`${a}: not a valid file:// URL`);
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // a missing path is reported by the poll, per feed
    }
    if (!isDir) {
      targets.push({ location: p, fromDirectory: false });
      continue;
    }
    const files = readdirSync(p, { withFileTypes: true })
      .filter((d) => d.isFile() && !d.name.startsWith('.'))
      .map((d) => join(p, d.name))
      .sort();
    if (files.length === 0) problems.push(`${a}: the directory has no files`);
    for (const f of files) targets.push({ location: f, fromDirectory: true });
  }
  return { targets, problems };
}

const fmtMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

export function formatResult(r: PollResult, label: string): string {
  const failed = pollFailed(r.status);
  const matched = r.stored.filter((s) => s.matches.length > 0).length;
  const counts = failed
    ? ''.padEnd(36)
    : `${String(r.newItems).padStart(4)} new ${String(r.seenItems).padStart(4)} seen ${String(matched).padStart(4)} matched`.padEnd(36);
  const why = r.error ? `  ${r.status}: ${r.error}` : r.tooOld ? `  (${r.tooOld} older than maxAge)` : '';
  return `${r.status.padEnd(12)} ${counts} ${fmtMs(r.ms).padStart(8)}  ${label}${why}`;
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

/** --concurrency: a whole number from 1 to 64 (default 4); undefined when it is not. */
function concurrencyOf(flag: string | boolean | undefined): number | undefined {
  const n = Number(flag ?? 4);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : undefined;
}

type Config = NonNullable<Awaited<ReturnType<typeof requireConfigContext>>>['loaded']['config'];

/** FEED arguments (or the configured feeds) as specs; configured feeds keep their options. */
function targetsOf(positionals: readonly string[], config: Config, cwd: string): { targets: Target[]; problems: string[] } {
  const settings = config.settings ?? {};
  const maxAgeMs = settings.maxAge ? parseDuration(settings.maxAge) : undefined;
  const configured = new Map(
    (config.feeds ?? []).map((f) => [
      feedLocationKey(f.url),
      {
        url: f.url,
        name: f.name,
        fullText: f.fullText,
        maxAgeMs: f.maxAge ? parseDuration(f.maxAge) : undefined,
        intervalMs: f.interval ? parseDuration(f.interval) : undefined,
      },
    ]),
  );
  const expanded =
    positionals.length > 0
      ? expandTargets(positionals, cwd)
      : { targets: [...configured.values()].map((c) => ({ location: c.url, fromDirectory: false })), problems: [] };
  const targets = expanded.targets.map((t) => {
    const c = configured.get(feedLocationKey(t.location));
    const spec = feedSpec({ ...c, url: t.location, id: feedIdFor(t.location) }, { maxAgeMs });
    return { spec, label: c?.name ?? t.location, fromDirectory: t.fromDirectory };
  });
  return { targets, problems: expanded.problems };
}

/** Polls every target, `concurrency` at once; lines print in argument order as their turn comes. */
async function pollAll(targets: Target[], deps: IngestDeps, concurrency: number, io: CliIO): Promise<PollResult[]> {
  const showProgress = Boolean((io.stderr as { isTTY?: boolean }).isTTY) && targets.some((t) => t.fromDirectory);
  const results: (PollResult | undefined)[] = new Array(targets.length);
  let printed = 0;
  let done = 0;
  const flush = async () => {
    let out = '';
    while (printed < targets.length && results[printed]) {
      out += `${formatResult(results[printed]!, targets[printed]!.label)}\n`;
      printed++;
    }
    if (out) {
      if (showProgress) await write(io.stderr, '\r\x1b[K');
      await write(io.stdout, out);
    }
    if (showProgress) await write(io.stderr, progressBar(done, targets.length));
  };
  await mapPool(targets, concurrency, async (t, i) => {
    results[i] = await pollFeed(t.spec, deps, { force: true, includeDisabled: true });
    done++;
    await flush();
  });
  if (showProgress) await write(io.stderr, '\r\x1b[K');
  return results as PollResult[];
}

function totalLine(all: PollResult[], ms: number): string {
  const failed = all.filter((r) => pollFailed(r.status)).length;
  const sum = (f: (r: PollResult) => number) => all.reduce((n, r) => n + f(r), 0);
  return (
    `total: ${all.length} feed${all.length === 1 ? '' : 's'}, ${all.length - failed} ok, ${failed} failed; ` +
    `${sum((r) => r.newItems)} new, ${sum((r) => r.seenItems)} seen, ${sum((r) => r.stored.filter((s) => s.matches.length > 0).length)} matched; ` +
    `${fmtMs(ms)}\n`
  );
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['config', 'concurrency']);
  if ('error' in args || args.flags.has('help')) {
    await write(io.stderr, `${'error' in args ? `${args.error}\n` : ''}${USAGE}\n`);
    return 'error' in args ? EXIT_USAGE : 0;
  }
  const concurrency = concurrencyOf(args.flags.get('concurrency'));
  if (concurrency === undefined) {
    await write(io.stderr, `--concurrency must be a whole number from 1 to 64\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const cfgFlag = args.flags.get('config');
  const ctx = await requireConfigContext(io, typeof cfgFlag === 'string' ? cfgFlag : undefined);
  if (!ctx) return 2;
  const settings = ctx.loaded.config.settings ?? {};
  const { targets, problems } = targetsOf(args.positionals, ctx.loaded.config, io.cwd);
  for (const p of problems) await write(io.stderr, `raqib ingest: ${p}\n`);
  if (targets.length === 0) {
    await write(io.stderr, `raqib ingest: no feeds to read (name some, or configure feeds: in ${ctx.loaded.path})\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const store = await openStoreOrReport(io, ctx.env);
  if (!store) return 2;
  // The operator names these feeds: like config feeds they may be on this machine (loopback);
  // private networks still need settings.allowPrivateNetworks.
  const fetcher = createFetcher({ allowPrivateNetworks: [...(settings.allowPrivateNetworks ?? []), ...OPERATOR_LOCAL_HOSTS], userAgent: settings.userAgent });
  const stories = new StoryIndex(store);
  const deps: IngestDeps = {
    articles: new ArticleStore(store),
    feedStates: new FeedStateStore(store),
    matcher: () => ctx.matcher,
    assignStory: assignWithChanges(stories),
    fetcher,
  };
  const t0 = performance.now();
  let all: PollResult[];
  try {
    all = await pollAll(targets, deps, concurrency, io);
  } finally {
    await fetcher.close();
    await store.close();
  }
  await write(io.stdout, totalLine(all, performance.now() - t0));
  return all.filter((r) => pollFailed(r.status)).length === all.length ? 1 : 0;
}
