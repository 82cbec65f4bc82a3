// How updates reach a bot: kept until confirmed through getUpdates' offset (long polling), or POSTed
// to the webhook with the X-Telegram-Bot-Api-Secret-Token header. Mirrors telegram-bot-api's
// Client::do_get_updates: a poll that finds nothing waits up to `timeout` seconds, and a newer poll
// ends the older one with 409 (the newcomer wins, which is why two pollers flap).
import type { ServerResponse } from 'node:http';
import { bad, ok, type ApiResult } from './telegram-methods.ts';
import type { TgUpdate } from './telegram-updates.ts';

export interface WebhookState {
  url: string;
  secret?: string;
  allowed?: string[];
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

export interface WebhookDelivery {
  update_id: number;
  /** HTTP status of the bot's answer; 0 when the connection failed. */
  status: number;
  error?: string;
}

const POLL_CONFLICT = 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
// Update types delivered when allowed_updates was never set (Bot API docs).
const DEFAULT_EXCLUDED = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export class UpdateQueue {
  pending: TgUpdate[] = [];
  hook: WebhookState | undefined;
  readonly deliveries: WebhookDelivery[] = [];
  private nextUpdateId = 1;
  private poll: { finish(r: ApiResult): void; limit: number } | undefined;
  private allowed: string[] | undefined;
  private chain: Promise<void> = Promise.resolve();

  /** `onReply` runs a method call found in a webhook's JSON response (Telegram executes those). */
  constructor(
    private readonly local: boolean,
    private readonly onReply: (payload: Record<string, unknown>) => Promise<void>,
  ) {}

  peekNextId(): number {
    return this.nextUpdateId;
  }

  async push(update: Partial<TgUpdate>): Promise<TgUpdate> {
    const full = { ...update, update_id: update.update_id || this.nextUpdateId } as TgUpdate;
    this.nextUpdateId = Math.max(this.nextUpdateId, full.update_id) + 1;
    this.pending.push(full);
    if (this.hook) {
      this.chain = this.chain.then(() => this.flushWebhook());
      await this.chain;
    } else if (this.poll) {
      const ready = this.available(this.poll.limit);
      if (ready.length > 0) this.poll.finish(ok(ready));
    }
    return full;
  }

  getUpdates(p: Record<string, unknown>, res?: ServerResponse): ApiResult | Promise<ApiResult> {
    if (this.hook) return bad("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", 409);
    if (Array.isArray(p.allowed_updates)) this.allowed = p.allowed_updates.length > 0 ? (p.allowed_updates as string[]) : undefined;
    const offset = p.offset as number | undefined;
    if (offset !== undefined && offset !== 0) {
      this.pending = offset > 0 ? this.pending.filter((u) => u.update_id >= offset) : this.pending.slice(offset);
    }
    const limit = Math.min(100, Math.max(1, (p.limit as number | undefined) ?? 100));
    const timeout = Math.max(0, (p.timeout as number | undefined) ?? 0);
    const ready = this.available(limit);
    if (ready.length > 0 || timeout === 0 || !res) return ok(ready);
    this.poll?.finish(bad(POLL_CONFLICT, 409));
    return new Promise<ApiResult>((resolve) => {
      const entry = {
        limit,
        finish: (r: ApiResult): void => {
          clearTimeout(timer);
          if (this.poll === entry) this.poll = undefined;
          resolve(r);
        },
      };
      const timer = setTimeout(() => entry.finish(ok(this.available(limit))), timeout * 1000);
      // telegraf aborts its poll on bot.stop(): the slot is free again.
      res.on('close', () => {
        if (!res.writableFinished) entry.finish(ok([]));
      });
      this.poll = entry;
    });
  }

  setWebhook(p: Record<string, unknown>): ApiResult {
    let url: URL;
    try {
      url = new URL(p.url as string);
    } catch {
      return bad('Bad Request: bad webhook: invalid webhook URL specified');
    }
    if (!this.local) {
      if (url.protocol !== 'https:') return bad('Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
      if (!['', '443', '80', '88', '8443'].includes(url.port)) return bad('Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    }
    const secret = p.secret_token as string | undefined;
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) return bad('Bad Request: secret token contains unallowed characters');
    const same = this.hook?.url === url.href && this.hook.secret === secret;
    this.poll?.finish(bad('Conflict: terminated by setWebhook request', 409));
    if (p.drop_pending_updates === true) this.pending = [];
    const allowed = p.allowed_updates as string[] | undefined;
    this.hook = { url: url.href, secret, allowed: allowed?.length ? allowed : undefined, maxConnections: (p.max_connections as number | undefined) ?? 40 };
    return ok(true, same ? 'Webhook is already set' : 'Webhook was set');
  }

  deleteWebhook(p: Record<string, unknown>): ApiResult {
    const had = this.hook !== undefined;
    this.hook = undefined;
    if (p.drop_pending_updates === true) this.pending = [];
    return ok(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  }

  webhookInfo(): ApiResult {
    const h = this.hook;
    return ok({
      url: h?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.pending.length,
      ...(h ? { max_connections: h.maxConnections, ...(h.allowed ? { allowed_updates: h.allowed } : {}) } : {}),
      ...(h?.lastErrorDate ? { last_error_date: h.lastErrorDate, last_error_message: h.lastErrorMessage } : {}),
    });
  }

  /** One raw POST to the webhook (e.g. with a wrong secret); the queue is not touched. */
  async post(update: TgUpdate, secretToken: string | null | undefined): Promise<{ status: number; body: string; contentType: string }> {
    if (!this.hook) throw new Error('fake telegram: no webhook is set');
    const secret = secretToken === undefined ? this.hook.secret : (secretToken ?? undefined);
    const res = await fetch(this.hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(update),
    });
    return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  }

  close(): void {
    this.poll?.finish(ok([]));
  }

  private available(limit: number): TgUpdate[] {
    const allowed = this.hook?.allowed ?? this.allowed;
    const wanted = (u: TgUpdate): boolean => {
      const type = Object.keys(u).find((k) => k !== 'update_id') ?? '';
      return allowed ? allowed.includes(type) : !DEFAULT_EXCLUDED.has(type);
    };
    this.pending = this.pending.filter(wanted); // a filtered-out update is never delivered later
    return this.pending.slice(0, limit);
  }

  // Sends pending updates in order; a failed delivery stays queued (Telegram retries later).
  private async flushWebhook(): Promise<void> {
    while (this.hook && this.pending.length > 0) {
      const update = this.available(1)[0];
      if (!update) return;
      let answer: { status: number; body: string; contentType: string } | undefined;
      let error: string | undefined;
      try {
        answer = await this.post(update, undefined);
      } catch (err) {
        error = (err as Error).message;
      }
      const status = answer?.status ?? 0;
      this.deliveries.push({ update_id: update.update_id, status, ...(error ? { error } : {}) });
      if (!this.hook) return;
      if (status < 200 || status > 299) {
        this.hook.lastErrorDate = Math.floor(Date.now() / 1000);
        this.hook.lastErrorMessage = error ?? `Wrong response from the webhook: ${status}`;
        return;
      }
      this.pending = this.pending.filter((u) => u !== update);
      if (answer?.contentType.includes('json')) {
        try {
          const payload = JSON.parse(answer.body) as Record<string, unknown>;
          if (typeof payload.method === 'string') await this.onReply(payload);
        } catch {
          // not a method call: nothing to execute
        }
      }
    }
  }
}
