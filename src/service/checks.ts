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
