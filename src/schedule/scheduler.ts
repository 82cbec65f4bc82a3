// node-cron jobs: one polling task per feed (at its interval), one digest task per distinct
// schedule (cron + time zone), a retention purge and a maintenance sweep. Every process schedules
// every task; with Redis, node-cron's distributed mode asks RedisRunCoordinator so that each slot
// runs in exactly one process. The jobs are idempotent on their own (digest keys, alert keys), so
// the coordinator saves work, and a slot that nobody ran (a crash) is caught up by the sweep.
import { Mutex } from '../core/keyed-mutex.ts';
import cron, { type ScheduledTask, type TaskContext } from 'node-cron';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/open-store.ts';
import type { Subscription } from '../store/subscription-store.ts';
import type { DeliveryRouter, SubscriptionSource } from '../delivery/router.ts';
import type { Outbox } from '../delivery/outbox.ts';
import type { RaqibMetrics } from '../service/metrics.ts';
import { silentLogger, type Logger } from '../log.ts';
import { RedisRunCoordinator } from './run-coordinator.ts';
import { intervalToCron, lastSlotAtOrBefore } from './slots.ts';

export interface FeedJob {
  id: string;
  intervalMs: number;
}

export interface SchedulerOptions {
  store: Store;
  subscriptions: SubscriptionSource;
  router: DeliveryRouter;
  /** For its housekeeping in the maintenance sweep. */
  outbox?: Outbox;
  /** The feeds to poll now (config and runtime ones); read again on every refresh. */
  feeds: () => Promise<FeedJob[]>;
  pollFeed: (feedId: string) => Promise<void>;
  /** Deletes articles older than the cut-off; returns how many went. */
  purge: (beforeMs: number) => Promise<number>;
  retentionMs?: number;
  purgeCron?: string;
  maintenanceCron?: string;
  /** How often this process re-reads feeds and subscriptions to add or drop tasks (ms). */
  refreshMs?: number;
  /** Also run at every refresh: the topic catalog re-reads /watch changes made through other instances. */
  onRefresh?: () => Promise<void>;
  /** A digest slot missed by up to this long is still sent by the sweep (default 12 h). */
  catchUpMs?: number;
  /** The sweep leaves a slot this long to its regular task first (default 2 min). */
  catchUpGraceMs?: number;
  /** Poll every feed once at start (default true). */
  pollOnStart?: boolean;
  /** Default: true with a Redis store. */
  distributed?: boolean;
  metrics?: RaqibMetrics;
  log?: Logger;
  now?: () => number;
}

interface Entry {
  task: ScheduledTask;
  signature: string;
}

export interface SchedulerHealth {
  ok: boolean;
  tasks: number;
  lastRefreshAt?: string;
  lastError?: string;
}

/** How long stop() waits for jobs in progress before it lets the caller go on. */
const STOP_WAIT_MS = 15_000;

export class Scheduler {
  private readonly tasks = new Map<string, Entry>();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly distributed: boolean;
  private readonly coordinator?: RedisRunCoordinator;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly refreshing = new Mutex();
  /** Jobs started and not yet finished: stop() waits for them before the store may close. */
  private readonly jobs = new Set<Promise<void>>();
  private lastRefreshAt = 0;
  private lastError: string | undefined;
  private running = false;

  constructor(private readonly o: SchedulerOptions) {
    this.log = o.log ?? silentLogger;
    this.now = o.now ?? Date.now;
    this.distributed = o.distributed ?? o.store.kind === 'redis';
    if (this.distributed) {
      if (!o.store.redis) throw new Error('distributed scheduling needs a Redis store');
      this.coordinator = new RedisRunCoordinator(o.store.redis, o.store.redisPrefix ?? 'raqib', `s${process.pid}-${randomBytes(4).toString('hex')}`);
    }
  }

  async start(): Promise<void> {
    this.running = true;
    await this.refresh();
    this.schedule('maintenance', this.o.maintenanceCron ?? '*/30 * * * * *', 'UTC', () => this.maintenance());
    this.schedule('purge', this.o.purgeCron ?? '0 3 * * *', 'UTC', () => this.purge());
    const refreshMs = this.o.refreshMs ?? 30_000;
    this.refreshTimer = setInterval(() => void this.refresh(), refreshMs);
    this.refreshTimer.unref();
    if (this.o.pollOnStart ?? true) {
      for (const f of await this.o.feeds()) void this.guard('poll', () => this.o.pollFeed(f.id));
    }
    void this.guard('maintenance', () => this.maintenance());
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.refreshTimer);
    await this.refreshing.run(() => undefined);
    await Promise.all([...this.tasks.values()].map((e) => e.task.destroy()));
    this.tasks.clear();
    // Destroying a cron task does not wait for a run in progress (nor are start-up polls tasks): a
    // poll still writing when the caller closes the store would fail against a closed handle.
    await Promise.race([Promise.allSettled([...this.jobs]), new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
  }

  health(): SchedulerHealth {
    const refreshMs = this.o.refreshMs ?? 30_000;
    const fresh = this.now() - this.lastRefreshAt < 3 * refreshMs + 5_000;
    return {
      ok: this.running && fresh,
      tasks: this.tasks.size,
      ...(this.lastRefreshAt ? { lastRefreshAt: new Date(this.lastRefreshAt).toISOString() } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Names of the scheduled tasks (for /status and tests). */
  taskNames(): string[] {
    return [...this.tasks.keys()].sort();
  }

  /** Re-reads feeds and subscriptions and adds, changes or drops tasks to match. */
  refresh(): Promise<void> {
    return this.refreshing.run(() => this.doRefresh());
  }

  private async doRefresh(): Promise<void> {
    if (!this.running) return;
    try {
      const wanted = new Map<string, { expr: string; tz: string; run: () => Promise<unknown> }>();
      for (const f of await this.o.feeds()) {
        wanted.set(`poll:${f.id}`, { expr: intervalToCron(f.intervalMs), tz: 'UTC', run: () => this.o.pollFeed(f.id) });
      }
      for (const s of await this.digestSubs()) {
        const [expr, tz] = [(s.mode as { cron: string }).cron, s.timezone];
        const name = `digest:${expr}@${tz}`;
        if (!wanted.has(name)) wanted.set(name, { expr, tz, run: () => Promise.resolve() });
      }
      for (const [name, e] of this.tasks) {
        if (name === 'maintenance' || name === 'purge') continue;
        const w = wanted.get(name);
        if (!w || `${w.expr}@${w.tz}` !== e.signature) {
          await e.task.destroy();
          this.tasks.delete(name);
        }
      }
      for (const [name, w] of wanted) {
        if (this.tasks.has(name)) continue;
        if (name.startsWith('digest:')) this.schedule(name, w.expr, w.tz, (ctx) => this.runDigestSlot(w.expr, w.tz, ctx.date.getTime()));
        else this.schedule(name, w.expr, w.tz, w.run);
      }
      await this.o.onRefresh?.();
      this.lastRefreshAt = this.now();
    } catch (e) {
      this.lastError = `refresh: ${(e as Error).message}`;
      this.log.error({ err: (e as Error).message }, 'scheduler refresh failed');
    }
  }

  private schedule(name: string, expr: string, tz: string, run: (ctx: TaskContext) => Promise<unknown>): void {
    const kind = name.split(':')[0]!;
    const task = cron.schedule(expr, (ctx) => this.guard(kind, () => run(ctx)), {
      name,
      timezone: tz,
      noOverlap: true,
      ...(this.distributed ? { distributed: true, runCoordinator: this.coordinator, distributedLease: 120_000 } : {}),
      logger: {
        info: (m) => this.log.debug({ task: name }, m),
        warn: (m) => this.log.debug({ task: name }, m), // overlap and missed-slot notices; the sweep covers digests
        error: (m, err) => this.log.error({ task: name, err: err?.message ?? String(m) }, 'cron task error'),
        debug: (m) => this.log.debug({ task: name }, String(m)),
      },
    });
    this.tasks.set(name, { task, signature: `${expr}@${tz}` });
  }

  /** Runs one job (none once stopping), counts it, and never lets it throw into node-cron. */
  private guard(kind: string, fn: () => Promise<unknown>): Promise<void> {
    if (!this.running) return Promise.resolve();
    const job = this.runJob(kind, fn);
    this.jobs.add(job);
    return job.finally(() => this.jobs.delete(job));
  }

  private async runJob(kind: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
      this.o.metrics?.jobRuns.inc({ job: kind, outcome: 'ok' });
      this.o.metrics?.jobLastSuccess.set(Math.floor(this.now() / 1000), { job: kind });
    } catch (e) {
      this.o.metrics?.jobRuns.inc({ job: kind, outcome: 'error' });
      this.lastError = `${kind}: ${(e as Error).message}`;
      this.log.error({ job: kind, err: (e as Error).message }, 'scheduled job failed');
    }
  }

  private async digestSubs(): Promise<Subscription[]> {
    return (await this.o.subscriptions.all()).filter((s) => s.mode.kind === 'cron');
  }

  /** Queues the digests of every subscription on this schedule for the slot. */
  async runDigestSlot(expr: string, tz: string, slotMs: number): Promise<void> {
    const slot = Math.floor(slotMs / 1000) * 1000;
    const prev = lastSlotAtOrBefore(expr, tz, slot - 1);
    const subs = (await this.digestSubs()).filter((s) => s.mode.kind === 'cron' && s.mode.cron === expr && s.timezone === tz);
    let failed: unknown;
    for (const s of subs) {
      try {
        await this.o.router.runDigest(s, slot, prev);
      } catch (e) {
        failed ??= e;
        this.log.error({ topic: s.topic, chat: s.chat, err: (e as Error).message }, 'digest failed');
      }
    }
    if (failed) throw failed;
  }

  /** Digest catch-up for slots nobody ran, and store housekeeping. */
  async maintenance(): Promise<void> {
    const now = this.now();
    const grace = this.o.catchUpGraceMs ?? 120_000;
    const horizon = this.o.catchUpMs ?? 12 * 3_600_000;
    const due: { s: Subscription; last: number }[] = [];
    for (const s of await this.digestSubs()) {
      if (s.mode.kind !== 'cron') continue;
      const last = lastSlotAtOrBefore(s.mode.cron, s.timezone, now - grace);
      if (last !== undefined && now - last <= horizon) due.push({ s, last });
    }
    // The cursors in batches: one read per subscription every sweep was thousands of round trips.
    const cursors = await this.o.router.lastDigestsAt(due.map((d) => d.s));
    for (const [i, { s, last }] of due.entries()) {
      if (s.mode.kind !== 'cron') continue;
      const cursor = cursors[i];
      if (cursor !== undefined ? cursor >= last : Date.parse(s.createdAt) > last) continue;
      this.log.info({ topic: s.topic, chat: s.chat, slot: new Date(last).toISOString() }, 'catching up a missed digest');
      await this.o.router.runDigest(s, last, lastSlotAtOrBefore(s.mode.cron, s.timezone, last - 1));
    }
    await this.o.outbox?.backend.housekeep(now);
  }

  private async purge(): Promise<void> {
    const removed = await this.o.purge(this.now() - (this.o.retentionMs ?? 30 * 86_400_000));
    this.log.info({ removed }, 'retention purge done');
  }
}
