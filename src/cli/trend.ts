// `raqib trend TOPIC… [--since 30d] [--out chart.png] [--format text|json] [--lang en|ar] [--config FILE]`:
// stories per day for the topics from stored articles (the store `raqib digest` reads). Prints the
// summary lines (text) or the series (json); --out also writes the chart as a PNG.
import { writeFile } from 'node:fs/promises';
import { parseDuration } from '../core/duration.ts';
import { DEFAULT_TREND_DAYS, MAX_TREND_DAYS, buildTrend, closestTopics, summaryLines, type TrendSeries } from '../digest/trend/index.ts';
import type { UiLang } from '../digest/types.ts';
import { ArticleStore } from '../store/article-store.ts';
import { RegistryStore } from '../store/registry-store.ts';
import { StoryIndex } from '../stories/story-index.ts';
import { EXIT_USAGE, openStoreOrReport, requireConfigContext } from './context.ts';
import { parseArgs, write, type CliIO } from './io.ts';

export const USAGE = 'usage: raqib trend TOPIC… [--since 30d] [--out chart.png] [--format text|json] [--lang en|ar] [--config FILE]';
const DAY_MS = 86_400_000;
const VALUE_FLAGS = ['since', 'out', 'format', 'lang', 'config'];

export interface TrendCliRequest {
  topics: string[];
  /** Requested days (may exceed MAX_TREND_DAYS: buildTrend clamps and the output says so). */
  days: number;
  format: 'text' | 'json';
  lang: UiLang;
  out?: string;
  config?: string;
}

/** Parses the arguments; a string is the problem to print above the usage line. */
export function parseTrendArgs(argv: readonly string[]): TrendCliRequest | { help: true } | string {
  const args = parseArgs(argv, VALUE_FLAGS);
  if ('error' in args) return args.error;
  if (args.flags.has('help')) return { help: true };
  for (const name of args.flags.keys()) if (!VALUE_FLAGS.includes(name)) return `unknown option --${name}`;
  if (args.positionals.length === 0) return 'which topics? (raqib trend TOPIC…)';
  const sinceRaw = String(args.flags.get('since') ?? `${DEFAULT_TREND_DAYS}d`);
  const sinceMs = parseDuration(sinceRaw);
  if (sinceMs === undefined) return `--since "${sinceRaw}" is not a duration such as 7d, 30d or 12w`;
  const format = String(args.flags.get('format') ?? 'text');
  if (format !== 'text' && format !== 'json') return `--format must be text or json (got "${format}")`;
  const lang = String(args.flags.get('lang') ?? 'en');
  if (lang !== 'en' && lang !== 'ar') return `--lang must be en or ar (got "${lang}")`;
  const req: TrendCliRequest = { topics: [...new Set(args.positionals.map((t) => t.toLowerCase()))], days: Math.ceil(sinceMs / DAY_MS), format, lang };
  const out = args.flags.get('out');
  if (typeof out === 'string') req.out = out;
  const config = args.flags.get('config');
  if (typeof config === 'string') req.config = config;
  return req;
}

async function usage(io: CliIO, problem?: string): Promise<number> {
  await write(problem ? io.stderr : io.stdout, `${problem ? `raqib trend: ${problem}\n` : ''}${USAGE}\n`);
  return problem ? EXIT_USAGE : 0;
}

/** The unknown topics explained with their closest known ids; undefined when all are known. */
export function unknownTopicsMessage(asked: readonly string[], known: readonly string[]): string | undefined {
  const unknown = asked.filter((t) => !known.includes(t));
  if (unknown.length === 0) return undefined;
  return unknown
    .map((t) => {
      const near = closestTopics(t, known);
      return `unknown topic "${t}"${near.length > 0 ? ` — did you mean ${near.join(', ')}?` : ''}`;
    })
    .concat(`known topics: ${known.join(', ') || '(none configured)'}`)
    .join('\n');
}

async function output(series: TrendSeries, req: TrendCliRequest, io: CliIO): Promise<void> {
  if (req.out) {
    // Loaded only here: the canvas and Chart.js are not needed for the numbers.
    const { renderTrendPng } = await import('../digest/trend/render.ts');
    await writeFile(req.out, await renderTrendPng(series, { lang: req.lang }));
  }
  if (req.format === 'json') await write(io.stdout, `${JSON.stringify(series, null, 2)}\n`);
  else await write(io.stdout, `${summaryLines(series, req.lang).join('\n')}\n`);
  if (series.clampedFrom && req.format === 'json')
    await write(io.stderr, `raqib trend: window cut to ${MAX_TREND_DAYS} days (asked for ${series.clampedFrom})\n`);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const req = parseTrendArgs(argv);
  if (typeof req === 'string') return usage(io, req);
  if ('help' in req) return usage(io);
  const ctx = await requireConfigContext(io, req.config);
  if (!ctx) return EXIT_USAGE;
  const store = await openStoreOrReport(io, ctx.env);
  if (!store) return 1;
  try {
    const topics = await new RegistryStore(store).topics.over(ctx.topics, (t) => t.id);
    const problem = unknownTopicsMessage(
      req.topics,
      topics.map((t) => t.id),
    );
    if (problem) {
      await write(io.stderr, `raqib trend: ${problem}\n`);
      return EXIT_USAGE;
    }
    const series = await buildTrend(
      { topics: req.topics, days: req.days, untilMs: Date.now(), lang: req.lang },
      { articles: new ArticleStore(store), stories: new StoryIndex(store), topicDefs: topics },
    );
    await output(series, req, io);
    return 0;
  } catch (e) {
    await write(io.stderr, `raqib trend: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
