// The checks /healthz runs: the store answers, the scheduler refreshes its jobs, the outbox pump
// turns. Each is small so that main.ts can pick what it runs.
import type { Store } from '../store/open-store.ts';
import type { HealthCheck } from './server.ts';

interface HasHealth {
  health(): { ok: boolean } & Record<string, unknown>;
}

export function storeCheck(store: Store): HealthCheck {
  return async () => {
    await store.ping();
    return { ok: true, detail: { kind: store.kind, url: store.displayUrl } };
  };
}

/** The states of the feeds polled now (by key, not a listing of the store). */
type FeedStates = () => Promise<{ url: string; failures: number; lastError?: string; disabledReason?: string }[]>;

/**
 * Feeds failing or disabled, for the operator to see. Never unhealthy by itself: one dead feed
 * among many is not an outage (and a restart would not mend it).
 */
export function feedsCheck(states: FeedStates): HealthCheck {
  return async () => {
    const all = await states();
    const disabled = all.filter((f) => f.disabledReason);
    const failing = all.filter((f) => !f.disabledReason && f.failures > 0);
    const show = (f: (typeof all)[number]) => ({ url: f.url, failures: f.failures, reason: f.disabledReason ?? f.lastError });
    return {
      ok: true,
      detail: { polled: all.length, failing: failing.length, disabled: disabled.length, worst: [...disabled, ...failing].slice(0, 5).map(show) },
    };
  };
}

/** Healthy when every part reports ok; the details of each are shown. */
export function partsCheck(parts: Record<string, HasHealth>): HealthCheck {
  return async () => {
    const detail: Record<string, unknown> = {};
    let ok = true;
    for (const [name, p] of Object.entries(parts)) {
      const h = p.health();
      detail[name] = h;
      ok &&= h.ok;
    }
    return { ok, detail };
  };
}
