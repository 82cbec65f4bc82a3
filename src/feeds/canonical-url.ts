// Canonical article URLs: the same story reached through a tracking link, a fragment or an
// explicit default port must dedupe to one key. Only changes that never alter what the server
// returns are made (tracking parameters, fragment, default port, host case, empty query).

const TRACKING_PARAM = /^(utm_[a-z0-9_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|_ga)$/i;

/**
 * Returns the canonical form of an http(s) URL, or undefined for anything that is not one
 * (javascript:, mailto:, garbage). Relative URLs are resolved against `base` first.
 */
export function canonicalUrl(input: string, base?: string): string | undefined {
  const raw = input.trim();
  if (raw === '') return undefined;
  let u: URL;
  try {
    u = base ? new URL(raw, base) : new URL(raw);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  // WHATWG URL already lower-cases the host, drops default ports and punycodes IDNs; a trailing
  // dot is the same host to DNS.
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.slice(0, -1);
  u.hash = '';
  u.username = '';
  u.password = '';
  const kept: [string, string][] = [];
  for (const [k, v] of u.searchParams) if (!TRACKING_PARAM.test(k)) kept.push([k, v]);
  if (kept.length !== [...u.searchParams].length) {
    // Rebuild only when something was dropped: re-serialising an untouched query could change
    // its encoding (e.g. %20 → +) and with it what some servers return.
    u.search = kept.length === 0 ? '' : new URLSearchParams(kept).toString();
  }
  // An empty query ("…/a?") serialises with its "?"; assigning '' drops it.
  if (u.search === '') u.search = '';
  return u.toString();
}

/** Resolves a possibly relative link against a base without canonicalising; undefined if invalid. */
export function resolveUrl(input: string, base?: string): string | undefined {
  const raw = input.trim();
  if (raw === '') return undefined;
  try {
    return (base ? new URL(raw, base) : new URL(raw)).toString();
  } catch {
    return undefined;
  }
}
