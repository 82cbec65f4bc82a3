// One vocabulary for failures (as grammY's GrammyError/HttpError and Bolt's coded errors do):
// a class per cause, a closed union of codes, and `toRaqibError` to turn an unknown throw into a
// coded error once, at each boundary (a poll, a delivery attempt, a command, a platform call).
// Expected outcomes stay typed results (FetchResult, Reply); these are for the unexpected.

/** Every code a RaqibError may carry. Adding a code is a deliberate change to this list. */
export const ERROR_CODES = [
  // config and environment
  'CONFIG_INVALID',
  'DEFAULT_PACK_INVALID',
  'TOPIC_QUERY_INVALID',
  'TOPIC_DUPLICATE',
  // store (SQLite, Redis)
  'STORE_UNAVAILABLE',
  'STORE_FAILED',
  // a chat platform answered with an error (HTTP 4xx/5xx, ok:false)
  'PLATFORM_REFUSED',
  'PLATFORM_AUTH',
  'PLATFORM_RATE_LIMITED',
  // the network (DNS, connect, TLS, timeout) or an address the SSRF guard refused
  'NETWORK',
  'TIMEOUT',
  'REFUSED',
  // bad input from a user, a feed or a file
  'BAD_INPUT',
  // delivery bookkeeping (outbox, router)
  'DELIVERY_QUEUE',
  // anything else: a bug
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure with a stable code and the underlying cause. */
export class RaqibError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'RaqibError';
  }
}

/** The config file, the environment or a topic definition cannot be used as given. */
export class ConfigError extends RaqibError {
  constructor(message: string, options?: { cause?: unknown; code?: 'CONFIG_INVALID' | 'DEFAULT_PACK_INVALID' | 'TOPIC_QUERY_INVALID' | 'TOPIC_DUPLICATE' }) {
    super(options?.code ?? 'CONFIG_INVALID', message, options);
    this.name = 'ConfigError';
  }
}

/** The store could not be reached or failed an operation. */
export class StoreError extends RaqibError {
  constructor(message: string, options?: { cause?: unknown; code?: 'STORE_UNAVAILABLE' | 'STORE_FAILED' }) {
    super(options?.code ?? 'STORE_FAILED', message, options);
    this.name = 'StoreError';
  }
}

/** A chat platform answered, with an error (not a network failure). */
export class PlatformError extends RaqibError {
  constructor(
    readonly platform: string,
    readonly method: string,
    readonly status: number | undefined,
    description: string,
    options?: { cause?: unknown; retryAfterS?: number },
  ) {
    const code: ErrorCode =
      status === 401 || status === 403 || /invalid_auth|not_authed|token_revoked|account_inactive/.test(description)
        ? 'PLATFORM_AUTH'
        : status === 429
          ? 'PLATFORM_RATE_LIMITED'
          : 'PLATFORM_REFUSED';
    super(code, `${platform} ${method}: ${description}`, options);
    this.name = 'PlatformError';
    this.retryAfterS = options?.retryAfterS;
  }
  readonly retryAfterS: number | undefined;
}

/** The network failed before any answer (DNS, connect, TLS, reset, timeout). */
export class NetworkError extends RaqibError {
  constructor(message: string, options?: { cause?: unknown; timeout?: boolean }) {
    super(options?.timeout ? 'TIMEOUT' : 'NETWORK', message, options);
    this.name = 'NetworkError';
  }
}

/** Input that cannot be used as given: the message is safe to show to whoever sent it. */
export class BadInputError extends RaqibError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BAD_INPUT', message, options);
    this.name = 'BadInputError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** The `code` of an error or of any error in its cause chain (Node and undici put it there). */
function systemCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') return c;
  }
  return undefined;
}

/**
 * Turns anything thrown into a RaqibError once, at a boundary. A RaqibError passes through; a
 * Node/undici network failure becomes a NetworkError; anything else gets `fallback` (the code of
 * the part that was running: STORE_FAILED in a store call, INTERNAL elsewhere).
 */
export function toRaqibError(e: unknown, fallback: ErrorCode = 'INTERNAL', context?: string): RaqibError {
  if (e instanceof RaqibError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const prefixed = context ? `${context}: ${message}` : message;
  const code = systemCode(e);
  if (code && NETWORK_CODES.has(code)) return new NetworkError(prefixed, { cause: e, timeout: code.includes('TIMEOUT') || code === 'ETIMEDOUT' });
  if (fallback === 'STORE_FAILED' || fallback === 'STORE_UNAVAILABLE') return new StoreError(prefixed, { cause: e, code: fallback });
  return new RaqibError(fallback, prefixed, { cause: e });
}

export function isRaqibError(e: unknown, code?: ErrorCode): e is RaqibError {
  return e instanceof RaqibError && (code === undefined || e.code === code);
}

/** Wraps a service call so whatever it throws leaves it as a coded error, once, at the call's boundary. */
export function coded<A extends unknown[], R>(name: string, fallback: ErrorCode, fn: (...a: A) => Promise<R>): (...a: A) => Promise<R> {
  return async (...a: A) => {
    try {
      return await fn(...a);
    } catch (e) {
      throw toRaqibError(e, fallback, name);
    }
  };
}
