// What a chat platform is doing right now, as the operator needs to know it: the platforms report
// their state through a PlatformStateReport, /healthz and /status read it (src/service).

export const PLATFORM_STATES = ['starting', 'connected', 'auth_failed', 'rate_limited', 'unreachable', 'webhook_failing', 'polling_stalled'] as const;

export type PlatformState = (typeof PLATFORM_STATES)[number];

/** A platform reports its state; `reason` is one line for the operator (no secrets, no stack). */
export type PlatformStateReport = (state: PlatformState, reason?: string) => void;

export interface PlatformStatus {
  state: PlatformState;
  reason?: string;
  /** Epoch ms of the last state change. */
  since: number;
}
