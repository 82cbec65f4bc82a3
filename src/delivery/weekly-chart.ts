// `chart: weekly`: the first digest of each week (weeks start on Monday in the subscription's time
// zone) carries the week's trend chart. The mark "this week's chart went with slot S" is written
// BEFORE the digest is queued, so that neither a restart nor another instance sends a second
// chart: a crash before the queue write re-runs slot S, which may carry it again (its digest key
// is not taken yet); a crash after it finds the digest key taken and queues nothing. An empty
// digest (nothing posted) gives the mark back, so the next digest of the week carries the chart.
import type Keyv from 'keyv';
import type { ChartRequest, MessageBody } from '../core/outbound.ts';
import type { Store } from '../store/open-store.ts';
import { subscriptionKey, type Subscription } from '../store/subscription-store.ts';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

interface ChartMark {
  /** The Monday (YYYY-MM-DD, local) of the week whose chart was queued. */
  week: string;
  /** The digest slot that carried it. */
  slotMs: number;
  /** The mark before this one, given back when that digest turns out empty. */
  prev?: { week: string; slotMs: number };
}

/** The Monday (YYYY-MM-DD) of the week holding `ms` in the time zone. */
export function weekOf(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
  const back = WEEKDAYS.indexOf(parts.weekday ?? 'Mon');
  return new Date(local - Math.max(0, back) * DAY_MS).toISOString().slice(0, 10);
}

/** A chart planned for one digest: its request, and what to do once the queue write is done. */
export interface ChartPlan {
  request: ChartRequest;
  /** 'duplicate': the slot was queued before (leave the mark); otherwise whether the chart went in. */
  settle(outcome: 'duplicate' | { charted: boolean }): Promise<void>;
}

export class WeeklyCharts {
  private readonly marks: Keyv<ChartMark>;
  constructor(store: Store) {
    this.marks = store.namespace<ChartMark>('weekly_charts');
  }

  /** The chart this slot's digest should carry, or undefined (not a chart subscription, or sent this week). */
  async plan(sub: Subscription, slotMs: number): Promise<ChartPlan | undefined> {
    if (sub.chart !== 'weekly') return undefined;
    const key = subscriptionKey(sub);
    const week = weekOf(slotMs, sub.timezone);
    const mark = await this.marks.get(key);
    if (mark && mark.week === week && mark.slotMs !== slotMs) return undefined;
    const prev = mark && mark.slotMs === slotMs ? mark.prev : mark ? { week: mark.week, slotMs: mark.slotMs } : undefined;
    await this.marks.set(key, { week, slotMs, ...(prev ? { prev } : {}) });
    return {
      request: { topics: [sub.topic], days: 7, untilMs: slotMs, lang: sub.lang ?? 'en' },
      settle: async (outcome) => {
        if (outcome === 'duplicate' || outcome.charted) return;
        if (prev) await this.marks.set(key, prev);
        else await this.marks.delete(key);
      },
    };
  }
}

/** The digest's bodies with the chart on the last one: it follows the whole digest. */
export function withChartOnLast(bodies: MessageBody[], chart: ChartRequest): MessageBody[] {
  if (bodies.length === 0) return bodies;
  return [...bodies.slice(0, -1), { ...bodies.at(-1)!, image: { kind: 'chart', chart } }];
}
