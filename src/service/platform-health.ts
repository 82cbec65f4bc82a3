// The platforms' states for /healthz and /status. Each platform reports into its own slot; a
// change of state is logged once as one line (no stack trace), and a platform that cannot
// authenticate makes /healthz unhealthy, naming it and the reason.
import type { PlatformState, PlatformStateReport, PlatformStatus } from '../core/platform-state.ts';
import type { Logger } from '../log.ts';
import type { HealthCheck } from './server.ts';

/** States that make /healthz fail: the platform can do nothing until an operator acts. */
const UNHEALTHY: ReadonlySet<PlatformState> = new Set(['auth_failed']);

export class PlatformHealth {
  private readonly states = new Map<string, PlatformStatus>();

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The report function one platform is given. */
  reporter(platform: string): PlatformStateReport {
    this.states.set(platform, { state: 'starting', since: this.now() });
    return (state, reason) => this.report(platform, state, reason);
  }

  report(platform: string, state: PlatformState, reason?: string): void {
    const prev = this.states.get(platform);
    if (prev && prev.state === state && prev.reason === reason) return;
    this.states.set(platform, { state, ...(reason ? { reason } : {}), since: this.now() });
    // Logged on a change of state only: a retry loop that keeps failing the same way stays quiet.
    if (prev?.state === state) return;
    const line = { platform, state, ...(reason ? { reason } : {}), was: prev?.state };
    if (state === 'connected' || state === 'starting') this.log.info(line, `${platform}: ${state}`);
    else this.log.warn(line, `${platform}: ${state}${reason ? ` (${reason})` : ''}`);
  }

  snapshot(): Record<string, PlatformStatus> {
    return Object.fromEntries(this.states);
  }

  /** The /healthz check: every platform's state; unhealthy while one cannot authenticate. */
  check(): HealthCheck {
    return async () => {
      const detail = this.snapshot();
      const failing = Object.entries(detail).filter(([, s]) => UNHEALTHY.has(s.state));
      if (failing.length === 0) return { ok: true, detail };
      const error = failing.map(([p, s]) => `${p}: ${s.state}${s.reason ? ` (${s.reason})` : ''}`).join('; ');
      return { ok: false, detail, error };
    };
  }
}
