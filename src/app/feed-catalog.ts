// The live set of feeds: the config file's, plus those admins add with /feeds (stored in the
// registry). Config feeds are the operator's and may live on this machine (loopback); runtime
// feeds come from chat users and get the full SSRF guard. A change is an event: whoever polls
// feeds (the scheduler) subscribes with onChange instead of being called by whoever changed them.
import type { RegistryStore, RuntimeFeed } from '../store/registry-store.ts';
import { feedSpec, feedSpecFromConfig, type FeedConfigLike, type FeedSpec } from '../feeds/feed-spec.ts';
import { parseDuration } from '../core/duration.ts';

/** Hosts the operator's own feeds may use besides settings.allowPrivateNetworks. */
export const OPERATOR_LOCAL_HOSTS = ['localhost', '127.0.0.0/8', '::1/128'];

/** A feed as /feeds and /status list it: config feeds in file order, then runtime feeds by URL. */
export interface FeedEntry {
  url: string;
  name?: string;
  source: 'config' | 'runtime';
}

export class FeedCatalog {
  private specs: FeedSpec[];
  private listed: FeedEntry[];
  private runtimeIds = new Set<string>();
  private names = new Map<string, string>();
  private readonly listeners = new Set<() => Promise<void> | void>();

  constructor(
    private readonly config: readonly FeedConfigLike[],
    private readonly registry: RegistryStore,
    private readonly settings: { maxAge?: string } = {},
  ) {
    this.specs = config.map((f) => feedSpecFromConfig(f, settings));
    this.listed = config.map((f) => ({ url: f.url, ...(f.name ? { name: f.name } : {}), source: 'config' }));
    this.index();
  }

  /** Re-reads runtime feeds (after /feeds, and on each scheduler refresh). */
  async reload(): Promise<void> {
    const base: RuntimeFeed[] = this.config.map((f) => ({ url: f.url, addedAt: '' }));
    const merged = await this.registry.feeds.over(base, (f) => f.url);
    const configUrls = new Set(this.config.map((f) => f.url));
    const kept = new Set(merged.map((f) => f.url));
    // A runtime entry never shares a URL with a config feed (/feeds add refuses known URLs).
    const added = merged.filter((f) => !configUrls.has(f.url)).sort((a, b) => a.url.localeCompare(b.url));
    const maxAgeMs = this.settings.maxAge ? parseDuration(this.settings.maxAge) : undefined;
    const runtime = added.map((f) =>
      feedSpec(
        {
          url: f.url,
          ...(f.name ? { name: f.name } : {}),
          ...(f.intervalMs ? { intervalMs: f.intervalMs } : {}),
          fullText: f.fullText ?? false,
          ...(f.maxAgeMs ? { maxAgeMs: f.maxAgeMs } : {}),
        },
        { ...(maxAgeMs ? { maxAgeMs } : {}) },
      ),
    );
    const configKept = this.config.filter((f) => kept.has(f.url));
    this.specs = [...configKept.map((f) => feedSpecFromConfig(f, this.settings)), ...runtime];
    this.listed = [
      ...configKept.map((f): FeedEntry => ({ url: f.url, ...(f.name ? { name: f.name } : {}), source: 'config' })),
      ...added.map((f): FeedEntry => ({ url: f.url, ...(f.name ? { name: f.name } : {}), source: 'runtime' })),
    ];
    this.runtimeIds = new Set(runtime.map((f) => f.id));
    this.index();
  }

  async list(): Promise<FeedSpec[]> {
    await this.reload();
    return this.specs;
  }

  /** The feeds as people see them (fresh from the registry). */
  async entries(): Promise<FeedEntry[]> {
    await this.reload();
    return this.listed;
  }

  async get(id: string): Promise<FeedSpec | undefined> {
    return this.specs.find((f) => f.id === id) ?? (await this.list()).find((f) => f.id === id);
  }

  /** True for feeds added through /feeds (users), false for the operator's config feeds. */
  isRuntime(id: string): boolean {
    return this.runtimeIds.has(id);
  }

  nameOf(id: string): string | undefined {
    return this.names.get(id);
  }

  /** Calls fn after every change (once the catalog has re-read the registry). */
  onChange(fn: () => Promise<void> | void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The registry changed (/feeds add or remove): re-read it, then tell the subscribers. */
  async changed(): Promise<void> {
    await this.reload();
    for (const fn of this.listeners) await fn();
  }

  private index(): void {
    this.names = new Map(this.specs.filter((f) => f.name).map((f) => [f.id, f.name!]));
  }
}
