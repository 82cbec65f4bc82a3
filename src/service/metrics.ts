// Prometheus text exposition (format 0.0.4), written by hand: prom-client is not a dependency and
// raqib needs only counters and gauges. Counters live per process (Prometheus scrapes each
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
    readonly type: 'counter' | 'gauge',
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

/** The metrics raqib exports; one instance per process, passed to the parts that count. */
export class RaqibMetrics {
  readonly registry = new MetricsRegistry();
  private readonly feedLabels = new Set<string>();

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

  /** A topic's label: personal topics (their ids name a chat) count together as "personal". */
  topicLabel(id: string): string {
    return parsePersonalId(id) ? 'personal' : id;
  }

  readonly itemsFetched = this.registry.counter('raqib_items_fetched_total', 'Feed items fetched and parsed.', ['feed']);
  readonly matches = this.registry.counter('raqib_matches_total', 'Articles matched, per topic.', ['topic']);
  readonly sent = this.registry.counter('raqib_messages_sent_total', 'Messages the platform accepted.', ['platform', 'kind']);
  readonly retried = this.registry.counter('raqib_messages_retried_total', 'Send attempts that will be retried.', ['platform', 'reason']);
  readonly dead = this.registry.counter('raqib_messages_dead_total', 'Messages moved to the dead letters.', ['platform']);
  readonly inDoubt = this.registry.counter('raqib_messages_in_doubt_total', 'Messages resent after their sender died mid-send (possible duplicates).', [
    'platform',
  ]);
  readonly rateLimited = this.registry.counter('raqib_platform_429_total', 'HTTP 429 answers from a platform.', ['platform']);
  readonly jobRuns = this.registry.counter('raqib_job_runs_total', 'Scheduled job runs by outcome.', ['job', 'outcome']);
  readonly queueDepth = this.registry.gauge('raqib_outbox_queue_depth', 'Messages waiting to be sent (all instances).');
  readonly heldAlerts = this.registry.gauge('raqib_outbox_held_alerts', 'Instant alerts waiting for their batch window, a mute or the next digest.');
  readonly deadLetters = this.registry.gauge('raqib_outbox_dead_letters', 'Messages in the dead-letter list.');
  readonly jobLastSuccess = this.registry.gauge('raqib_job_last_success_seconds', 'Unix time of the last successful run of each job kind.', ['job']);
}
