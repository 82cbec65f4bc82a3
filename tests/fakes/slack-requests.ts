// Requests Slack sends TO an app: signed slash commands, as in ../shared/fixtures/slack/examples
// (bolt-js slash_command.urlencoded.txt and Slack's signing worked example). Use these to drive
// Bolt's HTTP receiver over a real socket.
import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** v0 signature: 'v0=' + hex(HMAC-SHA256(secret, `v0:${timestamp}:${rawBody}`)). Timestamp in Unix seconds. */
export function signSlackRequest(secret: string, body: string, timestamp: number = Math.floor(Date.now() / 1000)): SlackSignatureHeaders {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestamp) };
}

export interface SlashCommandFields {
  command: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  response_url?: string;
  trigger_id?: string;
  api_app_id?: string;
  enterprise_id?: string;
  enterprise_name?: string;
  is_enterprise_install?: boolean;
  /** The deprecated verification token Slack still sends. */
  token?: string;
}

/**
 * A slash-command body in the field order Slack uses (bolt-js fixture), form-urlencoded with
 * URLSearchParams — spaces as '+', '/' as %2F, Arabic as UTF-8 percent-escapes, like Slack.
 */
export function slashCommandBody(f: SlashCommandFields): string {
  const fields: [string, string | undefined][] = [
    ['token', f.token ?? 'fake-verification-token'],
    ['team_id', f.team_id ?? 'T0RAQIB01'],
    ['team_domain', f.team_domain ?? 'raqib-test'],
    ['channel_id', f.channel_id ?? 'C0RAQIB01'],
    ['channel_name', f.channel_name ?? 'news'],
    ['user_id', f.user_id ?? 'U0RAQIB01'],
    ['user_name', f.user_name ?? 'editor'],
    ['command', f.command],
    ['text', f.text ?? ''],
    ['api_app_id', f.api_app_id ?? 'A0RAQIB01'],
    ['is_enterprise_install', String(f.is_enterprise_install ?? false)],
    ['enterprise_id', f.enterprise_id],
    ['enterprise_name', f.enterprise_name],
    ['response_url', f.response_url ?? 'https://hooks.slack.com/commands/T0RAQIB01/1/fake'],
    ['trigger_id', f.trigger_id ?? '1111.2222.fake'],
  ];
  const params = new URLSearchParams();
  for (const [k, v] of fields) if (v !== undefined) params.append(k, v);
  return params.toString();
}

export interface SignedPostOptions {
  signingSecret: string;
  /** Unix seconds; default now. Use an old one to test the 5-minute replay window. */
  timestamp?: number;
  /** Sign this body but send another (tampering test). */
  sendBody?: string;
  /** Replace the signature header (forgery test). */
  signature?: string;
  contentType?: string;
}

/** POSTs a body signed like Slack does; returns the app's answer. */
export async function postSignedToApp(url: string, body: string, o: SignedPostOptions): Promise<{ status: number; body: string; json?: unknown }> {
  const headers = signSlackRequest(o.signingSecret, body, o.timestamp);
  if (o.signature !== undefined) headers['x-slack-signature'] = o.signature;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': o.contentType ?? 'application/x-www-form-urlencoded', ...headers },
    body: o.sendBody ?? body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: text, ...(json !== undefined ? { json } : {}) };
}

/** A signed slash command to an app's events URL (e.g. http://127.0.0.1:PORT/slack/events). */
export function sendSlashCommand(url: string, fields: SlashCommandFields, o: SignedPostOptions): Promise<{ status: number; body: string; json?: unknown }> {
  return postSignedToApp(url, slashCommandBody(fields), o);
}

let nextEvent = 1;

/**
 * A signed Events API callback (the wrapper of ../shared/fixtures/slack/events-api: token, team_id,
 * api_app_id, event, type, event_id, event_time, authed_users) carrying one event, as JSON.
 */
export function sendSlackEvent(url: string, event: Record<string, unknown>, o: SignedPostOptions): Promise<{ status: number; body: string; json?: unknown }> {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    token: 'fake-verification-token',
    team_id: 'T0RAQIB01',
    api_app_id: 'A0RAQIB01',
    event: { event_ts: `${now}.000100`, ...event },
    type: 'event_callback',
    event_id: `Ev${String(nextEvent++).padStart(8, '0')}`,
    event_time: now,
    authed_users: ['U0RAQIBBOT'],
  });
  return postSignedToApp(url, body, { contentType: 'application/json', ...o });
}

/** What a block_actions payload carries (the fields Slack always sends that raqib or Bolt read). */
export interface BlockActionsFields {
  user: string;
  channel: string;
  /** The pressed button, as it is in the message's blocks. */
  action: { action_id: string; block_id: string; value: string; text?: { type: 'plain_text'; text: string; emoji?: boolean } };
  message?: { ts: string; text?: string; blocks?: unknown[]; thread_ts?: string };
  /** A press on an ephemeral message: Slack sends no `message`, only the container's ts and is_ephemeral. */
  ephemeral?: boolean;
  response_url: string;
}

/** A block_actions interaction as Slack POSTs it: form-urlencoded `payload=<JSON>`. */
export function blockActionsBody(f: BlockActionsFields): string {
  const payload = {
    type: 'block_actions',
    user: { id: f.user, username: f.user.toLowerCase(), name: f.user.toLowerCase(), team_id: 'T0RAQIB01' },
    api_app_id: 'A0RAQIB01',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: f.message?.ts ?? '1.000001', channel_id: f.channel, is_ephemeral: f.ephemeral === true },
    trigger_id: '123.456.abc',
    team: { id: 'T0RAQIB01', domain: 'raqib' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: f.channel, name: 'news' },
    ...(f.message && !f.ephemeral ? { message: { type: 'message', user: 'U0RAQIBBOT', ...f.message } } : {}),
    state: { values: {} },
    response_url: f.response_url,
    actions: [{ type: 'button', ...f.action, action_ts: String(Date.now() / 1000) }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A signed block_actions request to an app's events URL. */
export function sendBlockActions(url: string, fields: BlockActionsFields, o: SignedPostOptions): Promise<{ status: number; body: string; json?: unknown }> {
  return postSignedToApp(url, blockActionsBody(fields), o);
}
