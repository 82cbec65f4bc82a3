// A fake Slack Web API on 127.0.0.1 for tests: the REAL @slack/web-api WebClient (and Bolt's
// `clientOptions: { slackApiUrl }`) talks to it over a real socket. Routes /api/<method> with form,
// JSON or multipart bodies, checks the token (Bearer header, or `token` in a form/query), required
// arguments, Block Kit limits (slack-limits.ts) and text length, and answers in Slack's shapes:
// HTTP 200 with {ok:false,error} for API errors, HTTP 429 + Retry-After when rate limited.
// It also serves response_url endpoints (/response/<id>) that record what respond() posts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, parseBody, readRaw, sendJson, sleep, type ParsedBody } from './fake-http.ts';
import { FaultInjector, latencySource, RateWindows, type FaultRateOptions, type LatencyOption } from './faults.ts';
import { checkSlackMessage } from './slack-limits.ts';
import { SlackFiles } from './slack-files.ts';
import { SLACK_METHODS, type SlackMethodContext, type SlackResult } from './slack-methods.ts';
import { SlackWorld, type PostedMessage, type SlackChannelSpec, type SlackIdentity, type SlackUserSpec } from './slack-world.ts';

export { signSlackRequest, slashCommandBody, sendSlashCommand, sendSlackEvent, postSignedToApp, blockActionsBody, sendBlockActions } from './slack-requests.ts';
export type { SlashCommandFields, SignedPostOptions, SlackSignatureHeaders, BlockActionsFields } from './slack-requests.ts';
export type { PostedMessage, SlackChannelSpec, SlackUserSpec, SlackIdentity };

export interface SlackLimits {
  /** chat.postMessage per channel per second (Slack: about 1, with short bursts forgiven). */
  perChannelPerSecond: number;
  toleranceMs: number;
}
export const SLACK_RATE_LIMITS: SlackLimits = { perChannelPerSecond: 1, toleranceMs: 20 };

export type SlackFault =
  | { status: 429; retryAfter?: number }
  | { status: number; body?: string }
  | { error: string; extra?: Record<string, unknown> }
  | { kind: 'timeout' | 'lost-response'; hangMs?: number };

export interface FakeSlackOptions {
  /** Accepted token(s) (default one bot token, see `token`). */
  tokens?: string[];
  identity?: Partial<SlackIdentity>;
  /** Known channels; when omitted every well-formed id (C…, G…, D…) exists. */
  channels?: SlackChannelSpec[];
  /** Known users; when omitted every well-formed id (U…, W…) exists as a plain member. */
  users?: SlackUserSpec[];
  limits?: boolean | Partial<SlackLimits>;
  latency?: LatencyOption;
  /** Reject blocks without a top-level `text` fallback as `no_text` (Slack itself only warns). */
  requireFallbackText?: boolean;
}

export interface SlackRecordedCall {
  seq: number;
  method: string;
  params: Record<string, unknown>;
  bodyKind: ParsedBody['kind'];
  /** Where the token came from. */
  auth: 'bearer' | 'param' | 'none';
  at: number;
  httpStatus?: number;
  response?: unknown;
  fault?: string;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
  status: number;
  error?: string;
}

const RESPONSE_URL_USES = 5; // Slack: a response_url works up to 5 times within 30 minutes

export class FakeSlack {
  readonly token: string;
  readonly tokens: Set<string>;
  readonly world: SlackWorld;
  readonly calls: SlackRecordedCall[] = [];
  readonly responsePosts: ResponseUrlPost[] = [];
  readonly views: Record<string, unknown>[] = [];
  /** The external upload flow (files.getUploadURLExternal, upload, files.completeUploadExternal). */
  readonly files = new SlackFiles();
  private readonly fileMethods: Record<string, (ctx: SlackMethodContext) => SlackResult> = {
    'files.getUploadURLExternal': ({ params }) => this.files.getUploadURLExternal(params, this.origin),
    'files.completeUploadExternal': ({ params, world, at }) => this.files.completeUploadExternal(params, world, at),
  };
  /** The Web API base for WebClient/Bolt `slackApiUrl` (ends in /api/). */
  url = '';
  origin = '';
  private readonly started = Date.now();
  private readonly faults = new FaultInjector<SlackFault>();
  private readonly windows = new RateWindows();
  private readonly latency: () => number;
  private readonly requireFallbackText: boolean;
  private readonly rejectedImages = new Set<string>();
  private readonly held = new Set<() => void>();
  private limits: SlackLimits | undefined;
  private nextResponseId = 1;
  private counters = { rateLimited: 0, injectedFaults: 0 };
  private closeServer: (() => Promise<void>) | undefined;

  constructor(opts: FakeSlackOptions = {}) {
    this.tokens = new Set(opts.tokens ?? ['xoxb-0000-fake-raqib-token']);
    this.token = [...this.tokens][0]!;
    this.world = new SlackWorld(
      {
        team: { id: 'T0RAQIB01', domain: 'raqib-test', name: 'Raqib Test' },
        botUserId: 'U0RAQIBBOT',
        botId: 'B0RAQIBBOT',
        appId: 'A0RAQIB01',
        botName: 'raqib',
        ...opts.identity,
      },
      opts.channels,
      opts.users,
    );
    this.latency = latencySource(opts.latency);
    this.requireFallbackText = opts.requireFallbackText ?? false;
    this.enforceLimits(opts.limits ?? false);
  }

  async start(): Promise<this> {
    const running = await listen((req, res) => void this.handle(req, res));
    this.origin = running.origin;
    this.url = `${running.origin}/api/`;
    this.closeServer = running.close;
    return this;
  }

  /** chat.postMessage messages (not deleted), in order, optionally for one channel id. */
  posted(channel?: string): PostedMessage[] {
    return this.world.log.filter((m) => m.kind === 'message' && !m.deleted && (channel === undefined || m.channel === channel));
  }

  ephemerals(channel?: string): PostedMessage[] {
    return this.world.log.filter((m) => m.kind === 'ephemeral' && (channel === undefined || m.channel === channel));
  }

  /** The App Home view views.publish last published for a user (undefined before any). */
  homeView(user: string): Record<string, unknown> | undefined {
    return this.views.filter((v) => v.published_for === user).at(-1);
  }

  /** A response_url served by this fake; what is POSTed to it shows up in responses(id). */
  responseUrl(id: string = String(this.nextResponseId++)): string {
    return `${this.origin}/response/${encodeURIComponent(id)}`;
  }

  responses(id?: string): ResponseUrlPost[] {
    return this.responsePosts.filter((r) => id === undefined || r.id === id);
  }

  callsTo(method: string): SlackRecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Image blocks with this image_url fail the message as Slack does: invalid_blocks, "downloading image failed". */
  rejectImage(url: string): void {
    this.rejectedImages.add(url);
  }

  failNext(method: string, fault: SlackFault, count = 1): void {
    this.faults.failNext(method, fault, count);
  }

  setFaultRate(options: FaultRateOptions | null): void {
    this.faults.setRate(options);
  }

  /** Slack's per-channel posting limit: more than 1 chat.postMessage/s to a channel → 429 + Retry-After. */
  enforceLimits(on: boolean | Partial<SlackLimits> = true): void {
    this.limits = on === false ? undefined : { ...SLACK_RATE_LIMITS, ...(on === true ? {} : on) };
    this.windows.toleranceMs = this.limits?.toleranceMs ?? 20;
    this.windows.reset();
  }

  stats(): { calls: number; posted: number; rateLimited: number; injectedFaults: number } {
    return { calls: this.calls.length, posted: this.posted().length, ...this.counters };
  }

  addChannel(c: SlackChannelSpec): void {
    this.world.channels.set(c.id, c);
  }

  addUser(u: SlackUserSpec): void {
    this.world.users.set(u.id, u);
  }

  async close(): Promise<void> {
    for (const h of [...this.held]) h();
    await this.closeServer?.();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readRaw(req);
    const path = new URL(req.url ?? '/', 'http://fake.local').pathname;
    const delay = this.latency();
    if (delay > 0) await sleep(delay);
    const responseId = /^\/response\/([^/]+)$/.exec(path)?.[1];
    if (responseId !== undefined) return this.handleResponseUrl(decodeURIComponent(responseId), req, raw, res);
    const uploadId = /^\/upload\/v1\/([^/]+)$/.exec(path)?.[1];
    if (uploadId !== undefined) return this.files.upload(decodeURIComponent(uploadId), req, raw, res);
    const method = /^\/api\/([A-Za-z0-9._]+)$/.exec(path)?.[1];
    if (!method) return sendJson(res, 404, { ok: false, error: 'not_found' });
    const body = await parseBody(req, raw);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // JSON bodies must carry the token in the Authorization header, as on Slack.
    const paramToken = body.kind !== 'json' && typeof body.params.token === 'string' ? body.params.token : undefined;
    const { token: _token, ...params } = body.params;
    const call: SlackRecordedCall = {
      seq: this.calls.length + 1,
      method,
      params,
      bodyKind: body.kind,
      auth: bearer ? 'bearer' : paramToken ? 'param' : 'none',
      at: this.now(),
    };
    this.calls.push(call);
    if (body.error)
      return this.reply(
        res,
        { ok: false, error: body.error === 'invalid_json' ? 'invalid_json' : body.error.startsWith('invalid multipart') ? 'invalid_form_data' : body.error },
        call,
      );
    const handler = SLACK_METHODS[method] ?? this.fileMethods[method];
    if (!handler) return this.reply(res, { ok: false, error: 'unknown_method', extra: { req_method: method } }, call);
    const token = bearer ?? paramToken;
    if (!token) return this.reply(res, { ok: false, error: 'not_authed' }, call);
    if (!this.tokens.has(token)) return this.reply(res, { ok: false, error: 'invalid_auth' }, call);
    const injected = this.faults.take(method);
    let loseResponse = false;
    if (injected) {
      this.counters.injectedFaults++;
      const fault: SlackFault =
        injected.source === 'queued'
          ? injected.fault
          : injected.kind === '429'
            ? { status: 429, retryAfter: injected.retryAfter }
            : injected.kind === '500'
              ? { status: 500 }
              : { kind: injected.kind, hangMs: injected.hangMs };
      call.fault = injected.source === 'queued' ? 'queued' : injected.kind;
      if ('status' in fault) {
        if (fault.status === 429) return this.reply(res, this.tooMany('retryAfter' in fault ? (fault.retryAfter ?? 1) : 1), call);
        call.httpStatus = fault.status;
        res.writeHead(fault.status, { 'content-type': 'text/plain' });
        res.end('body' in fault && fault.body !== undefined ? fault.body : 'Internal Server Error');
        return;
      }
      if ('error' in fault) return this.reply(res, { ok: false, error: fault.error, ...(fault.extra ? { extra: fault.extra } : {}) }, call);
      if (fault.kind === 'timeout') return this.hang(res, fault.hangMs ?? 3000);
      loseResponse = true;
    }
    const result = handler({
      world: this.world,
      params,
      at: this.now(),
      requireFallbackText: this.requireFallbackText,
      flood: (c) => this.flood(c),
      views: this.views,
      rejectedImages: this.rejectedImages,
    });
    if (loseResponse) {
      call.response = result;
      res.socket?.destroy();
      return;
    }
    this.reply(res, result, call);
  }

  private flood(channel: string): SlackResult | undefined {
    if (!this.limits) return undefined;
    const rules = [{ key: `channel:${channel}`, limit: this.limits.perChannelPerSecond, windowMs: 1000 }];
    const now = Date.now();
    const wait = this.windows.waitMs(rules, now);
    if (wait > 0) {
      this.counters.rateLimited++;
      return this.tooMany(Math.max(1, Math.ceil(wait / 1000)));
    }
    this.windows.record(rules, now);
    return undefined;
  }

  private tooMany(retryAfter: number): SlackResult {
    return { ok: false, error: 'ratelimited', status: 429, headers: { 'retry-after': String(retryAfter) } };
  }

  // response_url: JSON from Bolt's respond(); Slack answers {ok:true} or an error.
  private handleResponseUrl(id: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const post: ResponseUrlPost = { id, body: {}, at: this.now(), status: 200 };
    this.responsePosts.push(post);
    const finish = (status: number, error?: string): void => {
      post.status = status;
      if (error) post.error = error;
      sendJson(res, status, error ? { ok: false, error } : { ok: true });
    };
    if (req.method !== 'POST') return finish(405, 'method_not_allowed');
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return finish(400, 'invalid_payload');
      post.body = parsed as Record<string, unknown>;
    } catch {
      return finish(400, 'invalid_payload');
    }
    if (this.responses(id).filter((r) => r.status === 200).length >= RESPONSE_URL_USES) return finish(404, 'used_url');
    const b = post.body;
    if (b.response_type !== undefined && b.response_type !== 'ephemeral' && b.response_type !== 'in_channel') return finish(400, 'invalid_response_type');
    if (b.delete_original === true) return finish(200);
    const check = checkSlackMessage({ text: b.text, blocks: b.blocks, attachments: b.attachments }, { requireFallbackText: this.requireFallbackText });
    if (!check.ok) return finish(400, check.error);
    finish(200);
  }

  private hang(res: ServerResponse, ms: number): void {
    const finish = (): void => {
      clearTimeout(timer);
      this.held.delete(finish);
      res.socket?.destroy();
    };
    const timer = setTimeout(finish, ms);
    res.on('close', finish);
    this.held.add(finish);
  }

  private reply(res: ServerResponse, result: SlackResult, call: SlackRecordedCall): void {
    const body = result.ok ? { ok: true, ...result.body } : { ok: false, error: result.error, ...result.extra };
    const status = result.ok ? 200 : (result.status ?? 200);
    call.httpStatus = res.destroyed ? 0 : status;
    call.response = body;
    sendJson(res, status, body, result.ok ? {} : result.headers);
  }

  private now(): number {
    return Date.now() - this.started;
  }
}

/** Starts a fake Slack Web API; `url` is the slackApiUrl (ends in /api/). */
export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  return new FakeSlack(opts).start();
}
