// The feeds people bring, as one set of operations for `raqib feeds` and /feeds: list with origin
// and health, add with settings, remove, OPML import and export. Runtime feeds live in the
// registry store; the running bot re-reads it on every scheduler refresh, so a change made here
// by another process is polled without a restart. Every new URL passes the same guard as chat
// additions (http(s) only, no credentials, public addresses unless allowPrivateNetworks), and
// URLs are compared canonically (tracking parameters, fragments, default ports dropped).
import { parseDuration } from '../core/duration.ts';
import { canonicalUrl } from '../feeds/canonical-url.ts';
import { feedLocationKey, type FeedConfigLike } from '../feeds/feed-spec.ts';
import type { OpmlEntry, OpmlFeed } from '../feeds/opml.ts';
import { Allowlist, RefusedAddressError, resolveChecked, type LookupFn } from '../feeds/ssrf.ts';
import type { FeedState, FeedStateStore } from '../store/feed-state-store.ts';
import type { RegistryStore, RuntimeFeed } from '../store/registry-store.ts';

export interface FeedListing extends OpmlFeed {
  origin: 'config' | 'runtime';
  health?: Pick<FeedState, 'failures' | 'lastPollAt' | 'lastOkAt' | 'lastError' | 'disabledReason'>;
}

export type AddOutcome =
  { status: 'added'; url: string } | { status: 'present'; url: string; existing: string } | { status: 'refused'; url: string; reason: string };

export interface ImportReport {
  added: string[];
  present: { url: string; existing: string }[];
  refused: { url: string; line?: number; reason: string }[];
}

export interface FeedSourcesDeps {
  registry: RegistryStore;
  feedStates: FeedStateStore;
  configFeeds?: readonly FeedConfigLike[];
  allowPrivateNetworks?: readonly string[];
  lookup?: LookupFn;
  /** After a change was stored (the bot in this process reloads its catalog at once). */
  onChanged?: () => Promise<void>;
  now?: () => Date;
}

/** At most this many URL checks (DNS lookups) run at once during an import. */
const CHECK_CONCURRENCY = 8;

export class FeedSources {
  private readonly allowlist: Allowlist;
  constructor(private readonly deps: FeedSourcesDeps) {
    this.allowlist = new Allowlist(deps.allowPrivateNetworks ?? []);
  }

  /** Config feeds in file order, then runtime feeds by URL, each with its poll health. */
  async list(): Promise<FeedListing[]> {
    const config = (this.deps.configFeeds ?? []).map((f) => fromConfig(f));
    const configUrls = new Set(config.map((f) => f.url));
    const merged = await this.deps.registry.feeds.over(
      config.map((f) => ({ ...f, addedAt: '' }) as RuntimeFeed),
      (f) => f.url,
    );
    const runtime = merged.filter((f) => !configUrls.has(f.url)).sort((a, b) => a.url.localeCompare(b.url));
    const kept = merged.filter((f) => configUrls.has(f.url)).map((f) => f.url);
    const states = new Map((await this.deps.feedStates.all()).map((s) => [s.url, s]));
    const withHealth = (f: FeedListing): FeedListing => {
      const s = states.get(f.url);
      return s
        ? { ...f, health: { failures: s.failures, lastPollAt: s.lastPollAt, lastOkAt: s.lastOkAt, lastError: s.lastError, disabledReason: s.disabledReason } }
        : f;
    };
    return [
      ...config.filter((f) => kept.includes(f.url)).map((f) => withHealth({ ...f, origin: 'config' })),
      ...runtime.map((f) => withHealth({ ...settingsOf(f), origin: 'runtime' })),
    ];
  }

  /** The OPML view of every polled feed. */
  async exportable(): Promise<OpmlFeed[]> {
    return (await this.list()).map(settingsOf);
  }

  async add(feed: OpmlFeed, by: string): Promise<AddOutcome> {
    const planned = await this.plan([{ feed, line: 0 }]);
    if (planned.report.added.length === 0) return outcomeOf(planned.report, feed.url);
    await this.store(planned.toAdd, by);
    return { status: 'added', url: planned.toAdd[0]!.url };
  }

  /** 'config' when the URL is the operator's (only the config file removes it). */
  async remove(input: string): Promise<'removed' | 'config' | 'unknown'> {
    const key = feedLocationKey(input.trim());
    const known = (await this.list()).find((f) => feedLocationKey(f.url) === key);
    if (!known) return 'unknown';
    if (known.origin === 'config') return 'config';
    await this.deps.registry.feeds.remove(known.url);
    await this.deps.onChanged?.();
    return 'removed';
  }

  /** Checks every entry first, then stores the accepted ones; a refused entry never stops the others. */
  async import(entries: readonly OpmlEntry[], by: string): Promise<ImportReport> {
    const planned = await this.plan(entries);
    await this.store(planned.toAdd, by);
    return planned.report;
  }

  private async plan(entries: readonly OpmlEntry[]): Promise<{ toAdd: OpmlFeed[]; report: ImportReport }> {
    const existing = new Map((await this.list()).map((f) => [feedLocationKey(f.url), f.url]));
    const report: ImportReport = { added: [], present: [], refused: [] };
    const checks = await mapLimit(entries, CHECK_CONCURRENCY, (e) =>
      e.problem ? Promise.resolve(undefined) : guardUrl(e.feed.url, this.allowlist, this.deps.lookup),
    );
    const toAdd: OpmlFeed[] = [];
    entries.forEach((e, i) => {
      const line = e.line > 0 ? { line: e.line } : {};
      const check = checks[i];
      if (e.problem || !check) return void report.refused.push({ url: e.feed.url, ...line, reason: e.problem ?? 'unchecked' });
      if (!check.ok) return void report.refused.push({ url: e.feed.url, ...line, reason: check.reason });
      const url = canonicalUrl(check.url) ?? check.url;
      const key = feedLocationKey(url);
      const known = existing.get(key);
      if (known) return void report.present.push({ url: e.feed.url, existing: known });
      existing.set(key, url);
      toAdd.push({ ...e.feed, url });
      report.added.push(url);
    });
    return { toAdd, report };
  }

  private async store(feeds: readonly OpmlFeed[], by: string): Promise<void> {
    if (feeds.length === 0) return;
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    for (const f of feeds) await this.deps.registry.feeds.set(f.url, { ...f, addedBy: by, addedAt: at });
    await this.deps.onChanged?.();
  }
}

type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * The guard every user-added URL passes: http(s), no credentials, only public addresses (unless
 * allowPrivateNetworks). A host that does not resolve now is not refused: DNS fails for a while,
 * and the poller's connector checks the address again on every connection.
 */
async function guardUrl(input: string, allowlist: Allowlist, lookup?: LookupFn): Promise<UrlCheck> {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: `only http and https feeds can be added (not ${u.protocol})` };
  if (u.username || u.password) return { ok: false, reason: 'URLs with a user name or password are not accepted' };
  if (u.href.length > 2_000) return { ok: false, reason: 'the URL is too long' };
  try {
    await resolveChecked(u.hostname, { allowlist, ...(lookup ? { lookup } : {}) });
  } catch (e) {
    if (e instanceof RefusedAddressError) return { ok: false, reason: e.message };
  }
  return { ok: true, url: u.href };
}

function outcomeOf(r: ImportReport, url: string): AddOutcome {
  if (r.present[0]) return { status: 'present', url, existing: r.present[0].existing };
  return { status: 'refused', url, reason: r.refused[0]?.reason ?? 'refused' };
}

function fromConfig(f: FeedConfigLike): OpmlFeed {
  const interval = f.interval ? parseDuration(f.interval) : undefined;
  const maxAge = f.maxAge ? parseDuration(f.maxAge) : undefined;
  return {
    url: f.url,
    ...(f.name ? { name: f.name } : {}),
    ...(interval !== undefined ? { intervalMs: interval } : {}),
    ...(f.fullText !== undefined ? { fullText: f.fullText } : {}),
    ...(maxAge !== undefined ? { maxAgeMs: maxAge } : {}),
  };
}

function settingsOf(f: OpmlFeed): OpmlFeed {
  return {
    url: f.url,
    ...(f.name ? { name: f.name } : {}),
    ...(f.intervalMs !== undefined ? { intervalMs: f.intervalMs } : {}),
    ...(f.fullText !== undefined ? { fullText: f.fullText } : {}),
    ...(f.maxAgeMs !== undefined ? { maxAgeMs: f.maxAgeMs } : {}),
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
