// The live set of feeds: the config file's, plus those admins add with /feeds (stored in the
// registry). Config feeds are the operator's and may live on this machine (loopback); runtime
// feeds come from chat users and get the full SSRF guard.
import type { RegistryStore, RuntimeFeed } from '../store/registry-store.ts';
import { feedSpec, feedSpecFromConfig, type FeedConfigLike, type FeedSpec } from '../feeds/feed-spec.ts';
import { parseDuration } from '../core/duration.ts';

/** Hosts the operator's own feeds may use besides settings.allowPrivateNetworks. */
export const OPERATOR_LOCAL_HOSTS = ['localhost', '127.0.0.0/8', '::1/128'];

export class FeedCatalog {
  private specs: FeedSpec[];
  private runtimeIds = new Set<string>();
  private names = new Map<string, string>();

  constructor(
    private readonly config: readonly FeedConfigLike[],
    private readonly registry: RegistryStore,
    private readonly settings: { maxAge?: string } = {},
  ) {
    this.specs = config.map((f) => feedSpecFromConfig(f, settings));
    this.index();
  }

  /** Re-reads runtime feeds (after /feeds, and on each scheduler refresh). */
  async reload(): Promise<void> {
    const base: RuntimeFeed[] = this.config.map((f) => ({ url: f.url, addedAt: '' }));
    const merged = await this.registry.feeds.over(base, (f) => f.url);
    const configUrls = new Set(this.config.map((f) => f.url));
    const maxAgeMs = this.settings.maxAge ? parseDuration(this.settings.maxAge) : undefined;
    const runtime = merged
      .filter((f) => !configUrls.has(f.url))
      .map((f) => feedSpec({ url: f.url, ...(f.name ? { name: f.name } : {}), ...(f.intervalMs ? { intervalMs: f.intervalMs } : {}), fullText: f.fullText ?? false }, { ...(maxAgeMs ? { maxAgeMs } : {}) }));
    const kept = new Set(merged.map((f) => f.url));
    this.specs = [...this.config.filter((f) => kept.has(f.url)).map((f) => feedSpecFromConfig(f, this.settings)), ...runtime];
    this.runtimeIds = new Set(runtime.map((f) => f.id));
    this.index();
  }

  async list(): Promise<FeedSpec[]> {
    await this.reload();
    return this.specs;
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

  private index(): void {
    this.names = new Map(this.specs.filter((f) => f.name).map((f) => [f.id, f.name!]));
  }
}
