// What Slack tells about a user: workspace admin/owner (who may run /watch and /feeds) and locale
// (reply language). users.info is asked once per user per ten minutes; a failure means "not an
// admin, locale unknown" and is not cached.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.ts';
import { slackError } from './slack-sender.ts';

type WebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackUserFacts {
  admin: boolean;
  locale?: string;
}

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;
/** A slow users.info must not hold up the answer for long. */
const LOOKUP_TIMEOUT_MS = 2_000;

export class SlackUserCache {
  private readonly cache = new Map<string, { facts: SlackUserFacts; at: number }>();
  private readonly pending = new Map<string, Promise<SlackUserFacts | undefined>>();

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async get(userId: string): Promise<SlackUserFacts | undefined> {
    const hit = this.cache.get(userId);
    if (hit && this.now() - hit.at < TTL_MS) return hit.facts;
    let p = this.pending.get(userId);
    if (!p) {
      p = this.lookup(userId).finally(() => this.pending.delete(userId));
      this.pending.set(userId, p);
    }
    return p;
  }

  private async lookup(userId: string): Promise<SlackUserFacts | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const r = (await Promise.race([
        this.client.users.info({ user: userId, include_locale: true }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`users.info took over ${LOOKUP_TIMEOUT_MS} ms`)), LOOKUP_TIMEOUT_MS);
        }),
      ])) as { user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean; locale?: string } };
      const u = r.user ?? {};
      const facts: SlackUserFacts = { admin: !!(u.is_admin || u.is_owner || u.is_primary_owner), ...(u.locale ? { locale: u.locale } : {}) };
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(userId, { facts, at: this.now() });
      return facts;
    } catch (err) {
      this.log.warn({ err: slackError(err, 'users.info'), user: userId }, 'slack: users.info failed');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
