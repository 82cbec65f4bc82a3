// Prometheus text exposition (format 0.0.4), written by hand: prom-client is not a dependency and
// raqib needs only counters, gauges and one kind of histogram. Counters live per process (Prometheus scrapes each
// instance); gauges that describe shared state (queue depth) are read from the store at scrape.

import { parsePersonalId } from '../store/personal-topic-store.ts';
type Labels = Record<string, string>;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return '';
  return `{${names.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`).join(',')}}`;
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

abstract class Family {
  protected readonly values = new Map<string, { labels: string[]; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly type: 'counter' | 'gauge' | 'histogram',
  ) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`bad metric name ${name}`);
  }
  protected slot(labels: Labels | undefined): { labels: string[]; value: number } {
    const vals = this.labelNames.map((n) => labels?.[n] ?? '');
    const key = vals.join('\u0000');
    let s = this.values.get(key);
    if (!s) this.values.set(key, (s = { labels: vals, value: 0 }));
    return s;
  }
  get(labels?: Labels): number {
    return this.slot(labels).value;
  }
  render(): string {
    let out = `# HELP ${this.name} ${this.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${this.name} ${this.type}\n`;
    for (const s of this.values.values()) out += `${this.name}${labelText(this.labelNames, s.labels)} ${formatValue(s.value)}\n`;
    return out;
  }
}

export class Counter extends Family {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames, 'counter');
    if (labelNames.length === 0) this.slot(undefined);
  }
  inc(labels?: Labels, by = 1): void {
    if (by < 0) throw new Error('a counter only goes up');
    this.slot(labels).value += by;
  }
}

export class Gauge extends Family {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames, 'gauge');
  }
  set(value: number, labels?: Labels): void {
    this.slot(labels).value = value;
  }
}

/** Cumulative buckets (upper bounds in seconds, +Inf implied), a sum and a count per label set. */
export class Histogram extends Family {
  private readonly series = new Map<string, { labels: string[]; counts: number[]; sum: number; count: number }>();
  constructor(
    name: string,
    help: string,
    readonly buckets: readonly number[],
    labelNames: readonly string[] = [],
  ) {
    super(name, help, labelNames, 'histogram');
    if (buckets.some((b, i) => i > 0 && b <= buckets[i - 1]!)) throw new Error('histogram buckets must increase');
  }
  observe(value: number, labels?: Labels): void {
    const vals = this.labelNames.map((n) => labels?.[n] ?? '');
    const key = vals.join('\u0000');
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels: vals, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((b, i) => {
      if (value <= b) s.counts[i]!++;
    });
    s.sum += value;
    s.count++;
  }
  /** Observations so far (for tests and the bench). */
  count(labels?: Labels): number {
    return this.series.get(this.labelNames.map((n) => labels?.[n] ?? '').join('\u0000'))?.count ?? 0;
  }
  override render(): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} histogram\n`;
    const le = [...this.labelNames, 'le'];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => (out += `${this.name}_bucket${labelText(le, [...s.labels, formatValue(b)])} ${s.counts[i]}\n`));
      out += `${this.name}_bucket${labelText(le, [...s.labels, '+Inf'])} ${s.count}\n`;
      out += `${this.name}_sum${labelText(this.labelNames, s.labels)} ${formatValue(s.sum)}\n`;
      out += `${this.name}_count${labelText(this.labelNames, s.labels)} ${s.count}\n`;
    }
    return out;
  }
}

export class MetricsRegistry {
  private readonly families: Family[] = [];
  private readonly collectors: (() => Promise<void> | void)[] = [];

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    const c = new Counter(name, help, labelNames);
    this.families.push(c);
    return c;
  }
  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    const g = new Gauge(name, help, labelNames);
    this.families.push(g);
    return g;
  }
  histogram(name: string, help: string, buckets: readonly number[], labelNames: readonly string[] = []): Histogram {
    const h = new Histogram(name, help, buckets, labelNames);
    this.families.push(h);
    return h;
  }
  /** Runs before each scrape, e.g. to read the queue depth from the store. */
  onCollect(fn: () => Promise<void> | void): void {
    this.collectors.push(fn);
  }
  async render(): Promise<string> {
    // A failing collector must not hide every other metric: it is reported as a gauge of its own.
    let failed = 0;
    for (const c of this.collectors) {
      try {
        await c();
      } catch {
        failed++;
      }
    }
    let out = this.families.map((f) => f.render()).join('');
    out += `# HELP raqib_metrics_collect_failures Collectors that failed during this scrape.\n# TYPE raqib_metrics_collect_failures gauge\nraqib_metrics_collect_failures ${failed}\n`;
    return out;
  }
}

/** At most this many feeds get a `feed` label of their own; the rest are counted as "other". */
export const MAX_FEED_LABELS = 50;

/** Item published → first send, in seconds: polls run every few minutes, batches wait, budgets hold for hours. */
export const ALERT_LATENCY_BUCKETS = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 21600] as const;

/** At most this many topics get a `topic` label of their own on the feedback counter. */
export const MAX_FEEDBACK_TOPICS = 200;

const VERDICT_RE = /^[a-z][a-z_-]{0,23}$/;

/** The metrics raqib exports; one instance per process, passed to the parts that count. */
export class RaqibMetrics {
  readonly registry = new MetricsRegistry();
  private readonly feedLabels = new Set<string>();
  private readonly feedbackTopics = new Set<string>();

  constructor(private readonly maxFeedLabels = MAX_FEED_LABELS) {}

  /**
   * A feed's label: its name as people read it (not its hash id), bounded so that a registry of
   * thousands of feeds cannot blow up the series count: the first feeds seen keep their names.
   */
  feedLabel(name: string): string {
    if (this.feedLabels.has(name)) return name;
    if (this.feedLabels.size >= this.maxFeedLabels) return 'other';
    this.feedLabels.add(name);
    return name;
  }

  /**
   * Counts one feedback verdict (a reader's 👍/👎 or similar) on an alert of a topic. The hook the
   * feedback feature calls; topics and verdicts are bounded like feed labels so that user input
   * cannot create series without end: an unexpected verdict is counted as "other".
   */
  feedback(topic: string, verdict: string): void {
    let t = topic;
    if (!this.feedbackTopics.has(t)) {
      if (this.feedbackTopics.size >= MAX_FEEDBACK_TOPICS) t = 'other';
      else this.feedbackTopics.add(t);
    }
    this.feedbackVerdicts.inc({ topic: t, verdict: VERDICT_RE.test(verdict) ? verdict : 'other' });
  }

  /** One observation per alert item when the first message carrying it is sent. */
  alertSent(publishedMs: readonly number[], sentMs: number, platform: string): void {
    for (const p of publishedMs) this.alertLatency.observe(Math.max(0, (sentMs - p) / 1000), { platform });
  }

  /** A topic's label: personal topics (their ids name a chat) count together as "personal". */
  topicLabel(id: string): string {
    return parsePersonalId(id) ? 'personal' : id;
  }

  readonly itemsFetched = this.registry.counter('raqib_items_fetched_total', 'Feed items fetched and parsed.', ['feed']);
  readonly matches = this.registry.counter('raqib_matches_total', 'Articles matched, per topic.', ['topic']);
  readonly sent = this.registry.counter('raqib_messages_sent_total', 'Messages the platform accepted.', ['platform', 'kind']);
  readonly retried = this.registry.counter('raqib_messages_retried_total', 'Send attempts that will be retried.', ['platform', 'reason']);
  readonly dead = this.registry.counter('raqib_messages_dead_total', 'Messages moved to the dead letters.', ['platform']);
  readonly inDoubt = this.registry.counter(
    'raqib_messages_in_doubt_total',
    'Messages sent again that may have arrived: their sender died mid-send or got no answer (possible duplicates).',
    ['platform'],
  );
  readonly rateLimited = this.registry.counter('raqib_platform_429_total', 'HTTP 429 answers from a platform.', ['platform']);
  readonly jobRuns = this.registry.counter('raqib_job_runs_total', 'Scheduled job runs by outcome.', ['job', 'outcome']);
  readonly alertLatency = this.registry.histogram(
    'raqib_alert_latency_seconds',
    'Time from an item being published to the first message alerting it being sent.',
    ALERT_LATENCY_BUCKETS,
    ['platform'],
  );
  readonly followUpsHeld = this.registry.counter(
    'raqib_follow_ups_held_total',
    'Follow-ups accepted for a chat (an article joined a story it was alerted to).',
  );
  readonly followUpsSent = this.registry.counter('raqib_follow_ups_sent_total', 'Follow-up messages sent; threaded="yes" when they answer the alert.', [
    'platform',
    'threaded',
  ]);
  readonly feedbackVerdicts = this.registry.counter('raqib_feedback_total', 'Feedback verdicts on alerts, per topic.', ['topic', 'verdict']);
  readonly queueDepth = this.registry.gauge('raqib_outbox_queue_depth', 'Messages waiting to be sent (all instances).');
  readonly heldAlerts = this.registry.gauge('raqib_outbox_held_alerts', 'Instant alerts waiting for their batch window, a mute or the next digest.');
  readonly deadLetters = this.registry.gauge('raqib_outbox_dead_letters', 'Messages in the dead-letter list.');
  readonly jobLastSuccess = this.registry.gauge('raqib_job_last_success_seconds', 'Unix time of the last successful run of each job kind.', ['job']);
}
