// Feedback on alerts and digest stories (👍 relevant / 👎 not relevant): one verdict per person per
// story and topic, a second tap replaces it. Kept as data: `raqib feedback export` prints it in the
// shape of the labelled files the relevance work reads. Also counts the alerts sent per topic and
// day, so that /topic can say "41 alerts · 👍 12 · 👎 3".
import type Keyv from 'keyv';
import type { Verdict } from '../core/buttons.ts';
import type { Store } from './open-store.ts';

export interface FeedbackRecord {
  topic: string;
  story: string;
  /** The story's lead article, when it was still stored at the tap. */
  url: string;
  title: string;
  lang: string;
  verdict: Verdict;
  platform: string;
  chat: string;
  user: string;
  /** ISO time of the (latest) tap. */
  at: string;
}

export interface FeedbackSummary {
  alerts: number;
  relevant: number;
  notRelevant: number;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const feedbackKey = (r: Pick<FeedbackRecord, 'platform' | 'user' | 'topic' | 'story'>) =>
  [r.platform, r.user, r.topic, r.story].map(encodeURIComponent).join('|');

export class FeedbackStore {
  private readonly kv: Keyv<FeedbackRecord>;
  private readonly alerts: Keyv<number>;
  constructor(store: Store) {
    this.kv = store.namespace<FeedbackRecord>('feedback');
    this.alerts = store.namespace<number>('alert_counts');
  }

  /** Stores the verdict; says whether it is new, changed an earlier one, or repeated it. */
  async record(r: FeedbackRecord): Promise<'new' | 'changed' | 'same'> {
    const key = feedbackKey(r);
    const prev = await this.kv.get(key);
    if (prev?.verdict === r.verdict) return 'same';
    await this.kv.set(key, r);
    return prev ? 'changed' : 'new';
  }

  /** Every verdict at or after sinceMs (for one topic, when given), oldest first. */
  async list(opts: { topic?: string; sinceMs?: number } = {}): Promise<FeedbackRecord[]> {
    const out: FeedbackRecord[] = [];
    for await (const [, v] of this.kv.iterator!(undefined)) {
      const r = v as FeedbackRecord | undefined;
      if (!r || (opts.topic !== undefined && r.topic !== opts.topic)) continue;
      if (opts.sinceMs !== undefined && Date.parse(r.at) < opts.sinceMs) continue;
      out.push(r);
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Counts alert stories sent for each topic (one per story per chat), on the day of atMs. */
  async countAlerts(topics: Record<string, number>, atMs: number): Promise<void> {
    const day = dayOf(atMs);
    for (const [topic, n] of Object.entries(topics)) {
      if (n <= 0) continue;
      const key = `${encodeURIComponent(topic)}|${day}`;
      // Read, add, write: two instances counting at the same moment may lose one; it is a figure for people.
      await this.alerts.set(key, ((await this.alerts.get(key)) ?? 0) + n);
    }
  }

  /** Alerts and verdicts for a topic between sinceMs and untilMs (whole days for the alerts). */
  async summary(topic: string, sinceMs: number, untilMs: number): Promise<FeedbackSummary> {
    let alerts = 0;
    for (let d = sinceMs; d < untilMs + DAY_MS; d += DAY_MS) {
      if (dayOf(d) > dayOf(untilMs)) break;
      alerts += (await this.alerts.get(`${encodeURIComponent(topic)}|${dayOf(d)}`)) ?? 0;
    }
    const verdicts = (await this.list({ topic, sinceMs })).filter((r) => Date.parse(r.at) <= untilMs);
    return {
      alerts,
      relevant: verdicts.filter((r) => r.verdict === 'relevant').length,
      notRelevant: verdicts.filter((r) => r.verdict === 'not-relevant').length,
    };
  }
}
