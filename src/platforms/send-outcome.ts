// How a platform failure reads to the delivery queue. Each sender turns what its SDK threw into a
// PlatformError (the platform answered with an error) or a NetworkError (no answer) once, and this
// maps that one vocabulary onto the SendOutcome the queue acts on.
import { NetworkError, PlatformError, type RaqibError } from '../core/errors.ts';
import type { SendFailure } from '../core/outbound.ts';

export type { SendFailure };

const DEFAULT_RETRY_AFTER_MS = 1000;

/** Failures to open the connection at all: the request never left, so it cannot have arrived. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Whether a system code in the error's chain (`cause`, or the SDK's `original`) says no connection was made. */
function neverConnected(e: NetworkError): boolean {
  for (let cur: unknown = e.cause, depth = 0; cur && depth < 5; depth++) {
    const c = cur as { code?: unknown; cause?: unknown; original?: unknown };
    if (typeof c.code === 'string' && NEVER_CONNECTED.has(c.code)) return true;
    cur = c.cause ?? c.original;
  }
  return false;
}

/**
 * 429 → rateLimited (after the platform's retry-after), network failures and 5xx/408 →
 * transient, other refusals (400, 403, chat not found) → permanent. `later` marks a platform
 * error that means "try again" although its HTTP status does not say so (Slack's internal_error).
 * A network failure other than a connection never made is in doubt: the request may have reached
 * the platform and only its answer was lost (a timeout, a connection dropped mid-call).
 */
export function sendFailure(e: RaqibError, error: string, later = false): SendFailure {
  if (e instanceof NetworkError) return neverConnected(e) ? { ok: false, kind: 'transient', error } : { ok: false, kind: 'transient', error, inDoubt: true };
  if (e instanceof PlatformError) {
    if (e.code === 'PLATFORM_RATE_LIMITED') {
      const s = e.retryAfterS;
      return { ok: false, kind: 'rateLimited', retryAfterMs: s !== undefined && Number.isFinite(s) && s > 0 ? s * 1000 : DEFAULT_RETRY_AFTER_MS, error };
    }
    const status = e.status ?? 0;
    if (later || status >= 500 || status === 408) return { ok: false, kind: 'transient', error };
    return { ok: false, kind: 'permanent', error };
  }
  // Anything else (a bug in our code, an unexpected throw): the message may still go later.
  return { ok: false, kind: 'transient', error };
}
