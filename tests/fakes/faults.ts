// Fault injection and flood control shared by the fake platforms. Everything random is driven by a
// seeded PRNG so a failing test replays exactly.
import { mulberry32 } from '../helpers/random.ts';

/** `lost-response`: the call takes effect (the message IS delivered) but the client sees a dropped
 *  connection — the case that makes "exactly once" impossible without idempotency on our side. */
export type FaultKind = '429' | '500' | 'timeout' | 'lost-response';

export interface FaultRateOptions {
  /** Share of matching calls that fail, 0..1. */
  rate: number;
  kinds: FaultKind[];
  seed?: number;
  /** Only these methods (default: every method except the long poll `getUpdates`). */
  methods?: string[];
  /** retry_after / Retry-After seconds for injected 429s (default 1). */
  retryAfter?: number;
  /** How long a `timeout` holds the request before dropping the connection (default 3000 ms). */
  hangMs?: number;
}

export { mulberry32 };

export type Injected<F> = { source: 'queued'; fault: F } | { source: 'random'; kind: FaultKind; retryAfter: number; hangMs: number };

export class FaultInjector<F> {
  private readonly queues = new Map<string, F[]>();
  private rate: (FaultRateOptions & { rng: () => number }) | undefined;
  constructor(private readonly normalise: (method: string) => string = (m) => m) {}

  /** Queue `count` failures for `method` ('*' = any method). */
  failNext(method: string, fault: F, count = 1): void {
    const key = method === '*' ? '*' : this.normalise(method);
    const queue = this.queues.get(key) ?? [];
    for (let i = 0; i < count; i++) queue.push(fault);
    this.queues.set(key, queue);
  }

  setRate(options: FaultRateOptions | null): void {
    if (options === null || options.rate <= 0) {
      this.rate = undefined;
      return;
    }
    if (options.kinds.length === 0) throw new Error('setFaultRate: kinds must not be empty');
    this.rate = { ...options, rng: mulberry32(options.seed ?? 1) };
  }

  take(method: string): Injected<F> | undefined {
    const key = this.normalise(method);
    for (const k of [key, '*']) {
      const queue = this.queues.get(k);
      if (queue && queue.length > 0) return { source: 'queued', fault: queue.shift()! };
    }
    const r = this.rate;
    if (!r) return undefined;
    const eligible = r.methods ? r.methods.map(this.normalise).includes(key) : key !== this.normalise('getUpdates');
    if (!eligible || r.rng() >= r.rate) return undefined;
    const kind = r.kinds[Math.floor(r.rng() * r.kinds.length)]!;
    return { source: 'random', kind, retryAfter: r.retryAfter ?? 1, hangMs: r.hangMs ?? 3000 };
  }
}

export interface WindowRule {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Sliding windows: at most `limit` accepted events per `windowMs` for each key. `toleranceMs`
 * shortens every window a little so that a client pacing at exactly the limit is not punished for
 * network jitter between its clock and ours.
 */
export class RateWindows {
  private readonly events = new Map<string, number[]>();
  constructor(public toleranceMs = 20) {}

  /** Milliseconds until every rule would accept one more event (0 = accept now). */
  waitMs(rules: WindowRule[], now: number): number {
    let wait = 0;
    for (const rule of rules) {
      const window = Math.max(1, rule.windowMs - this.toleranceMs);
      const list = this.prune(rule.key, now - window);
      if (list.length >= rule.limit) wait = Math.max(wait, list[list.length - rule.limit]! + window - now);
    }
    return wait;
  }

  record(rules: WindowRule[], now: number): void {
    for (const rule of rules) {
      const list = this.events.get(rule.key) ?? [];
      list.push(now);
      if (list.length > rule.limit * 2) list.splice(0, list.length - rule.limit);
      this.events.set(rule.key, list);
    }
  }

  reset(): void {
    this.events.clear();
  }

  private prune(key: string, after: number): number[] {
    const list = this.events.get(key) ?? [];
    let drop = 0;
    while (drop < list.length && list[drop]! <= after) drop++;
    if (drop > 0) list.splice(0, drop);
    return list;
  }
}

/** Latency as a fixed number or a seeded uniform range, in ms. */
export type LatencyOption = number | { min: number; max: number; seed?: number };

export function latencySource(option: LatencyOption | undefined): () => number {
  if (option === undefined) return () => 0;
  if (typeof option === 'number') return () => option;
  const rng = mulberry32(option.seed ?? 7);
  return () => option.min + rng() * (option.max - option.min);
}
