// /trend's work: the series from the stores, the PNG, and the caption, as a Reply with an image.
// Charts cost a few hundred milliseconds of CPU each, so a chat gets a few per quarter hour and
// the process draws one at a time (a request storm queues instead of starving the bot).
import type { ChatAddress, Reply, UiLang } from '../../commands/types.ts';
import { Mutex } from '../core/keyed-mutex.ts';
import type { ChartPicture, ChartRequest } from '../core/outbound.ts';
import { t } from '../i18n/catalogue.ts';
import type { TopicDef } from '../core/types.ts';
import { buildTrend, summaryLines } from '../digest/trend/index.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { StoryIndex } from '../stories/story-index.ts';

export interface TrendServiceRequest {
  topics: string[];
  /** Requested window in days; over the maximum it is clamped and the caption says so. */
  days: number;
  /** The chart ends with the day of this instant. */
  untilMs: number;
  lang: UiLang;
  where: ChatAddress;
}

export interface TrendServiceDeps {
  articles: ArticleStore;
  stories?: StoryIndex;
  topics: () => Promise<TopicDef[]>;
  now: () => number;
  /** Charts per chat per window (default 3 per 15 minutes). */
  limit?: { count: number; windowMs: number };
}

const DEFAULT_LIMIT = { count: 3, windowMs: 15 * 60_000 };

/** Sliding-window counter per chat, in this process (a storm hits one instance's worker anyway). */
export class ChatRateGate {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly limit: { count: number; windowMs: number }) {}

  /** 0 when allowed now (and counted), else ms until the next request would be. */
  take(key: string, now: number): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.limit.windowMs);
    if (recent.length >= this.limit.count) {
      this.hits.set(key, recent);
      return this.limit.windowMs - (now - recent[0]!);
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.forgetIdle(now);
    return 0;
  }

  private forgetIdle(now: number): void {
    for (const [k, ts] of this.hits) if (ts.every((t) => now - t >= this.limit.windowMs)) this.hits.delete(k);
  }
}

/** One chart at a time in this process: a request storm queues instead of starving the bot. */
const drawing = new Mutex();

export function createTrendService(deps: TrendServiceDeps): (req: TrendServiceRequest) => Promise<Reply> {
  const gate = new ChatRateGate(deps.limit ?? DEFAULT_LIMIT);
  const draw = createChartDrawer(deps);
  return async (req) => {
    const key = `${req.where.platform}:${req.where.chat}`;
    const waitMs = gate.take(key, deps.now());
    if (waitMs > 0) {
      const min = Math.max(1, Math.ceil(waitMs / 60_000));
      const text = t(req.lang, 'trend.tooMany', { min });
      return { status: 'denied', ephemeral: true, text };
    }
    const chart = await draw({ topics: req.topics, days: req.days, untilMs: req.untilMs, lang: req.lang });
    return { status: 'ok', text: chart.caption, image: { png: chart.png, caption: chart.caption, filename: chart.filename, alt: chart.alt } };
  };
}

/**
 * Draws one chart: the series from the stores, the PNG and its summary lines. /trend and the
 * weekly digest chart share it, and with it the one-at-a-time drawing lock of this process.
 */
export function createChartDrawer(deps: Pick<TrendServiceDeps, 'articles' | 'stories' | 'topics'>): (req: ChartRequest) => Promise<ChartPicture> {
  return async (req) => {
    const series = await buildTrend(
      { topics: req.topics, days: req.days, untilMs: req.untilMs, lang: req.lang },
      { articles: deps.articles, ...(deps.stories ? { stories: deps.stories } : {}), topicDefs: await deps.topics() },
    );
    // Loaded on first use: Chart.js and the canvas stay out of processes that never draw.
    const { renderTrendPng } = await import('../digest/trend/render.ts');
    const png = await drawing.run(() => renderTrendPng(series, { lang: req.lang }));
    const caption = summaryLines(series, req.lang).join('\n');
    return { png, caption, filename: `raqib-trend-${series.days.at(-1)}.png`, alt: caption };
  };
}
