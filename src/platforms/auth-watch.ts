// Does the platform accept our token? A probe (Telegram getMe, Slack auth.test) runs at start and,
// while it fails, again with a growing backoff; once it passes the platform is "connected" and
// the probe repeats rarely, so that a token revoked while running is noticed. Each outcome is
// reported as a state (src/service logs the changes once, one line each).
import { toRaqibError } from '../core/errors.ts';
import type { PlatformStateReport } from '../core/platform-state.ts';

export interface AuthWatchOptions {
  /** Throws a PlatformError or NetworkError when the platform refuses or cannot be reached. */
  probe: () => Promise<void>;
  report: PlatformStateReport;
  /** Called when the probe passes after having failed (restart what the failure stopped). */
  onRecovered?: () => void;
  /** First retry delay; doubles up to maxMs (defaults 1 s and 60 s). */
  minMs?: number;
  maxMs?: number;
  /** Re-probe interval once connected (default 5 min). */
  healthyMs?: number;
}

export interface AuthWatch {
  /** Settles after the first probe (passed or not); never rejects. */
  first: Promise<void>;
  stop(): void;
}

/** The one-line reason an operator reads: the platform's own answer, never a stack. */
function failure(err: unknown): { state: 'auth_failed' | 'rate_limited' | 'unreachable'; reason: string } {
  const e = toRaqibError(err);
  if (e.code === 'PLATFORM_AUTH') return { state: 'auth_failed', reason: e.message };
  if (e.code === 'PLATFORM_RATE_LIMITED') return { state: 'rate_limited', reason: e.message };
  return { state: 'unreachable', reason: e.message };
}

export function watchAuth(o: AuthWatchOptions): AuthWatch {
  const min = o.minMs ?? 1_000;
  const max = o.maxMs ?? 60_000;
  let delay = min;
  // Starts as failed so that the first pass reports "connected"; later passes report only a
  // recovery, leaving a state the platform set itself (webhook failing, polling stalled) alone.
  let failed = true;
  let first = true;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void once(), ms);
    timer.unref();
  };
  const once = async () => {
    try {
      await o.probe();
      if (stopped) return;
      if (failed) o.report('connected');
      if (failed && !first) o.onRecovered?.();
      delay = min;
      failed = false;
      first = false;
      schedule(o.healthyMs ?? 300_000);
    } catch (err) {
      if (stopped) return;
      const f = failure(err);
      o.report(f.state, f.reason);
      failed = true;
      first = false;
      schedule(delay);
      delay = Math.min(max, delay * 2);
    }
  };
  return {
    first: once(),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
