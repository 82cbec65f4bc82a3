// HTTP fetching for feeds and article pages, with the limits a long-running poller needs:
// conditional GET, connect/headers/total timeouts, a size cap that also holds after
// decompression, at most N redirects (each hop re-checked by the SSRF connector), and typed
// results instead of exceptions. Local files and file:// URLs are read directly (trusted).
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import { Allowlist, createGuardedAgent, RefusedAddressError, type LookupFn } from './ssrf.ts';
import { isLocal, localPath } from './location.ts';

export { isLocal, localPath };

export const DEFAULT_USER_AGENT = 'raqib/0.1 (news-alert bot; +https://github.com/raqib/raqib)';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface FetchOptions {
  userAgent?: string;
  /** TCP+TLS connect timeout (default 10 s). */
  connectTimeoutMs?: number;
  /** Whole request including redirects and body (default 30 s). */
  totalTimeoutMs?: number;
  /** Largest body accepted, before and after decompression (default 5 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  /** settings.allowPrivateNetworks: hosts / IPs / CIDRs that may be private. */
  allowPrivateNetworks?: readonly string[];
  /** Turns the address check off entirely (a trusted, fully local deployment; tests). */
  allowPrivate?: boolean;
  /** DNS override (tests). */
  lookup?: LookupFn;
  accept?: string;
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

interface Timing {
  /** Where the body finally came from (after redirects). */
  finalUrl: string;
  ms: number;
}

export type FetchResult =
  | ({ kind: 'fetched'; status: number; body: Buffer; contentType?: string; etag?: string; lastModified?: string } & Timing)
  | ({ kind: 'notModified' } & Timing)
  | ({ kind: 'httpError'; status?: number; message: string; retryAfterMs?: number } & Timing)
  | ({ kind: 'timeout'; message: string } & Timing)
  | ({ kind: 'refused'; message: string } & Timing)
  | ({ kind: 'tooLarge'; message: string } & Timing)
  | ({ kind: 'networkError'; message: string } & Timing);

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const mb = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MB`;

/** A fetcher owns one guarded connection pool; reuse it across polls and close it at shutdown. */
export interface Fetcher {
  fetch(location: string, validators?: Validators, accept?: string): Promise<FetchResult>;
  close(): Promise<void>;
}

export function createFetcher(options: FetchOptions = {}): Fetcher {
  const agent = createGuardedAgent({
    allowlist: new Allowlist([...(options.allowPrivateNetworks ?? []), ...(options.allowPrivate ? ['0.0.0.0/0', '::/0'] : [])]),
    lookup: options.lookup,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
  });
  return {
    fetch: (location, validators, accept) =>
      isLocal(location) ? readLocal(location, options.maxBytes ?? DEFAULT_MAX_BYTES) : fetchHttp(location, agent, options, validators, accept),
    close: () => agent.close(),
  };
}

async function readLocal(location: string, maxBytes: number): Promise<FetchResult> {
  const t0 = performance.now();
  const done = (r: Record<string, unknown>) => ({ finalUrl: location, ms: Math.round(performance.now() - t0), ...r }) as FetchResult;
  if (/^[a-z][a-z0-9+.-]*:/i.test(location) && !/^file:/i.test(location) && !/^[a-z]:[\\/]/i.test(location)) {
    return done({ kind: 'refused', message: `unsupported URL scheme "${location.split(':')[0]}:" (use http, https or file)` });
  }
  let path: string;
  try {
    path = localPath(location);
    const st = await stat(path);
    if (!st.isFile()) return done({ kind: 'httpError', message: `${path} is not a file` });
    if (st.size > maxBytes) return done({ kind: 'tooLarge', message: `file is ${mb(st.size)}, over the ${mb(maxBytes)} limit` });
    const body = await readFile(path);
    return done({ kind: 'fetched', status: 200, body, lastModified: st.mtime.toUTCString() });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return done({ kind: 'httpError', message: code === 'ENOENT' ? 'no such file' : `cannot read file (${code ?? (e as Error).message})` });
  }
}

type Headers = Dispatcher.ResponseData['headers'];
type Body = Dispatcher.ResponseData['body'];
type Outcome = Record<string, unknown>;

const DEFAULT_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';

/** A body nobody reads: drained so the connection can be reused; a failure only costs that. */
function discard(body: Body): Promise<void> {
  return body.dump().catch(() => undefined);
}

/** The URL of this hop, or why it is refused (scheme; credentials are dropped, never sent). */
function hopUrl(current: string, hop: number): URL | Outcome {
  let parsed: URL;
  try {
    parsed = new URL(current);
  } catch {
    return { kind: 'refused', message: `not a valid URL: ${current}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { kind: 'refused', message: `${hop ? 'redirect to' : 'unsupported'} ${parsed.protocol} URL refused` };
  }
  if (parsed.username || parsed.password) parsed.username = parsed.password = '';
  return parsed;
}

function requestHeaders(o: FetchOptions, v: Validators, accept?: string): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': o.userAgent ?? DEFAULT_USER_AGENT,
    accept: accept ?? o.accept ?? DEFAULT_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (v.etag) headers['if-none-match'] = v.etag;
  if (v.lastModified) headers['if-modified-since'] = v.lastModified;
  return headers;
}

/** Reads the body up to maxBytes (declared or counted); over it, the download stops. */
async function readCapped(body: Body, declared: number, maxBytes: number): Promise<Buffer | Outcome> {
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    return { kind: 'tooLarge', message: `response is ${mb(declared)}, over the ${mb(maxBytes)} limit` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      return { kind: 'tooLarge', message: `response is over the ${mb(maxBytes)} limit` };
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** What one response means: a redirect to follow, or the outcome of the fetch. */
async function answer(status: number, h: Headers, body: Body, current: string, hop: number, o: FetchOptions): Promise<{ redirect: string } | Outcome> {
  const header = (name: string) => {
    const x = h[name];
    return Array.isArray(x) ? x[0] : x;
  };
  const maxRedirects = o.maxRedirects ?? 5;
  if (REDIRECTS.has(status) && header('location')) {
    await discard(body);
    if (hop >= maxRedirects) return { kind: 'httpError', status, message: `more than ${maxRedirects} redirects` };
    try {
      return { redirect: new URL(header('location')!, current).toString() };
    } catch {
      return { kind: 'httpError', status, message: `redirect to an invalid address: ${header('location')!.slice(0, 200)}` };
    }
  }
  if (status === 304) {
    await discard(body);
    return { kind: 'notModified' };
  }
  if (status < 200 || status >= 300) {
    await discard(body);
    return { kind: 'httpError', status, message: `HTTP ${status}`, retryAfterMs: parseRetryAfter(header('retry-after')) };
  }
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  const raw = await readCapped(body, Number(header('content-length')), maxBytes);
  if (!Buffer.isBuffer(raw)) return raw;
  const decoded = await decompress(raw, header('content-encoding'), maxBytes);
  if ('error' in decoded) return decoded.error;
  return { kind: 'fetched', status, body: decoded.body, contentType: header('content-type'), etag: header('etag'), lastModified: header('last-modified') };
}

async function fetchHttp(url: string, agent: Dispatcher, o: FetchOptions, v: Validators = {}, accept?: string): Promise<FetchResult> {
  const t0 = performance.now();
  const deadline = new AbortController();
  const totalMs = o.totalTimeoutMs ?? 30_000;
  const timer = setTimeout(() => deadline.abort(), totalMs);
  let current = url;
  const done = (r: Outcome) => ({ finalUrl: current, ms: Math.round(performance.now() - t0), ...r }) as FetchResult;
  try {
    for (let hop = 0; ; hop++) {
      const parsed = hopUrl(current, hop);
      if (!(parsed instanceof URL)) return done(parsed);
      const res = await request(parsed, {
        method: 'GET',
        headers: requestHeaders(o, v, accept),
        dispatcher: agent,
        signal: deadline.signal,
        headersTimeout: Math.min(totalMs, 20_000),
        bodyTimeout: Math.min(totalMs, 20_000),
      });
      const next = await answer(res.statusCode, res.headers, res.body, current, hop, o);
      if (typeof next.redirect !== 'string') return done(next);
      current = next.redirect;
    }
  } catch (e) {
    return done(classifyError(e, deadline.signal.aborted, totalMs));
  } finally {
    clearTimeout(timer);
  }
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

/** Decodes Content-Encoding with an output cap, so a 5 KB gzip bomb cannot become 5 GB. */
async function decompress(raw: Buffer, encoding: string | undefined, maxBytes: number): Promise<{ body: Buffer } | { error: Record<string, unknown> }> {
  const codings = (encoding ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'identity');
  let body = raw;
  const opts = { maxOutputLength: maxBytes };
  try {
    for (const c of codings.reverse()) {
      if (c === 'gzip' || c === 'x-gzip') body = await gunzip(body, opts);
      // "deflate" is zlib-wrapped by the RFC but raw deflate in some servers.
      else if (c === 'deflate') body = await inflate(body, opts).catch(() => inflateRaw(body, opts));
      else if (c === 'br') body = await brotli(body, opts);
      else return { error: { kind: 'httpError', message: `unsupported content-encoding "${c}"` } };
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      return { error: { kind: 'tooLarge', message: `response is over the ${mb(maxBytes)} limit after decompression` } };
    }
    return { error: { kind: 'httpError', message: `cannot decompress the ${codings.join('+')} body (${code ?? (e as Error).message})` } };
  }
  return { body };
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function classifyError(e: unknown, aborted: boolean, totalMs: number): Record<string, unknown> {
  const chain: unknown[] = [];
  for (let x: unknown = e; x && chain.length < 5; x = (x as { cause?: unknown }).cause) chain.push(x);
  const refused = chain.find((x) => x instanceof RefusedAddressError) as RefusedAddressError | undefined;
  if (refused) return { kind: 'refused', message: refused.message };
  const codes = chain.map((x) => (x as { code?: string }).code).filter(Boolean) as string[];
  const code = codes[0];
  if (aborted) return { kind: 'timeout', message: `no complete response within ${totalMs / 1000} s` };
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { kind: 'timeout', message: 'connect timed out' };
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return { kind: 'timeout', message: 'no response headers in time' };
  if (code === 'UND_ERR_BODY_TIMEOUT') return { kind: 'timeout', message: 'the response body stalled' };
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset by the server',
    ENOTFOUND: 'host not found (DNS)',
    EAI_AGAIN: 'DNS lookup failed (temporary)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_SOCKET: 'connection closed before the response ended',
    DNS: (e as Error).message,
    CERT_HAS_EXPIRED: 'TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
  };
  const known = codes.map((c) => words[c]).find(Boolean);
  return { kind: 'networkError', message: known ?? `${code ? `${code}: ` : ''}${(e as Error).message}` };
}
