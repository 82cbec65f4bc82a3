// Web API methods of the fake Slack, with the error names of the OpenAPI spec
// (../shared/fixtures/slack/web-api/slack_web_openapi_v2.json) and answer shapes of the samples.
import { checkSlackMessage, validateBlocks, SLACK_LIMITS } from './slack-limits.ts';
import type { PostedMessage, SlackChannelSpec, SlackWorld } from './slack-world.ts';

export type SlackResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: string; extra?: Record<string, unknown>; status?: number; headers?: Record<string, string> };

export interface SlackMethodContext {
  world: SlackWorld;
  params: Record<string, unknown>;
  at: number;
  requireFallbackText: boolean;
  /** Flood control for chat.postMessage to a channel: a 429 result, or undefined after counting it. */
  flood(channel: string): SlackResult | undefined;
  views: Record<string, unknown>[];
  /** Image URLs Slack cannot download (FakeSlack.rejectImage). */
  rejectedImages?: ReadonlySet<string>;
}

type Handler = (ctx: SlackMethodContext) => SlackResult;

const fail = (error: string, extra?: Record<string, unknown>): SlackResult => ({ ok: false, error, ...(extra ? { extra } : {}) });
const done = (body: Record<string, unknown>): SlackResult => ({ ok: true, body });
const invalidArguments = (messages: string[]): SlackResult =>
  fail('invalid_arguments', { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;

function postable(world: SlackWorld, ref: unknown): SlackChannelSpec | SlackResult {
  const c = world.resolveChannel(ref);
  if (!c) return fail('channel_not_found');
  if (c.is_archived) return fail('is_archived');
  if (c.botIsMember === false) return fail('not_in_channel');
  return c;
}

const isResult = (v: unknown): v is SlackResult => typeof v === 'object' && v !== null && 'ok' in v;

function checkMessage(p: Record<string, unknown>, requireFallbackText: boolean): { blocks?: unknown[]; warnings: string[] } | SlackResult {
  const check = checkSlackMessage({ text: p.text, blocks: p.blocks, attachments: p.attachments }, { requireFallbackText });
  if (check.ok) return { ...(check.blocks ? { blocks: check.blocks } : {}), warnings: check.warnings };
  if (check.error === 'invalid_blocks') {
    return fail('invalid_blocks', { errors: check.errors, response_metadata: { messages: check.errors.map((e) => `[ERROR] ${e}`) } });
  }
  return fail(check.error);
}

// Slack gives blocks without a block_id one of its own.
function withBlockIds(blocks: unknown[] | undefined, ts: string): unknown[] | undefined {
  return blocks?.map((b, i) => (typeof b === 'object' && b !== null && !('block_id' in b) ? { ...b, block_id: `${ts.replace('.', '')}-${i}` } : b));
}

/** Slack fetches image blocks' pictures while posting; one it cannot download fails the whole message. */
function unreachableImage(blocks: unknown[] | undefined, rejected: ReadonlySet<string> | undefined): SlackResult | undefined {
  const at = (blocks ?? []).findIndex((b) => {
    const url = (b as { type?: unknown; image_url?: unknown }).image_url;
    return (b as { type?: unknown }).type === 'image' && typeof url === 'string' && rejected?.has(url);
  });
  if (at < 0) return undefined;
  const error = `downloading image failed [json-pointer:/blocks/${at}/image_url]`;
  return fail('invalid_blocks', { errors: [error], response_metadata: { messages: [`[ERROR] ${error}`] } });
}

const postMessage: Handler = ({ world, params: p, at, requireFallbackText, flood, rejectedImages }) => {
  const c = postable(world, p.channel);
  if (isResult(c)) return c;
  const check = checkMessage(p, requireFallbackText);
  if (isResult(check)) return check;
  const unreachable = unreachableImage(check.blocks, rejectedImages);
  if (unreachable) return unreachable;
  const limited = flood(c.id);
  if (limited) return limited;
  const ts = world.nextTs();
  const m: PostedMessage = {
    kind: 'message',
    channel: c.id,
    ts,
    text: p.text === undefined ? '' : String(p.text),
    blocks: withBlockIds(check.blocks, ts),
    ...(p.thread_ts ? { thread_ts: String(p.thread_ts) } : {}),
    at,
    edits: [],
    deleted: false,
    warnings: check.warnings,
    params: p,
  };
  world.log.push(m);
  return done({ channel: c.id, ts, message: world.messageObject(m) });
};

const postEphemeral: Handler = ({ world, params: p, at, requireFallbackText }) => {
  const c = postable(world, p.channel);
  if (isResult(c)) return c;
  const user = world.user(p.user);
  if (!user) return fail('user_not_found');
  if (c.members && !c.members.includes(user.id)) return fail('user_not_in_channel');
  const check = checkMessage(p, requireFallbackText);
  if (isResult(check)) return check;
  const ts = world.nextTs();
  world.log.push({
    kind: 'ephemeral',
    channel: c.id,
    ts,
    user: user.id,
    text: p.text === undefined ? '' : String(p.text),
    blocks: check.blocks,
    ...(p.thread_ts ? { thread_ts: String(p.thread_ts) } : {}),
    at,
    edits: [],
    deleted: false,
    warnings: check.warnings,
    params: p,
  });
  return done({ message_ts: ts });
};

const update: Handler = ({ world, params: p, requireFallbackText }) => {
  const c = world.resolveChannel(p.channel);
  if (!c) return fail('channel_not_found');
  const m = typeof p.ts === 'string' ? world.find(c.id, p.ts) : undefined;
  if (!m) return fail('message_not_found');
  const check = checkMessage(p, requireFallbackText);
  if (isResult(check)) return check;
  m.edits.push({ text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}) });
  if (p.text !== undefined) m.text = String(p.text);
  if (check.blocks) m.blocks = withBlockIds(check.blocks, m.ts);
  return done({ channel: c.id, ts: m.ts, text: m.text, message: world.messageObject(m) });
};

const remove: Handler = ({ world, params: p }) => {
  const c = world.resolveChannel(p.channel);
  if (!c) return fail('channel_not_found');
  const m = typeof p.ts === 'string' ? world.find(c.id, p.ts) : undefined;
  if (!m) return fail('message_not_found');
  m.deleted = true;
  return done({ channel: c.id, ts: m.ts });
};

const conversationsInfo: Handler = ({ world, params: p }) => {
  const c = world.resolveChannel(p.channel);
  return c ? done({ channel: world.channelObject(c) }) : fail('channel_not_found');
};

const usersInfo: Handler = ({ world, params: p }) => {
  const u = world.user(p.user);
  return u ? done({ user: world.userObject(u, truthy(p.include_locale)) }) : fail('user_not_found');
};

/** The `view` parameter (a JSON string or an object) as an object, or Slack's refusal of it. */
function viewParam(raw: unknown): { view: Record<string, unknown> } | { refused: SlackResult } {
  let view = raw;
  if (typeof view === 'string') {
    try {
      view = JSON.parse(view);
    } catch {
      return { refused: fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] failed to match all allowed schemas [json-pointer:/view]'] } }) };
    }
  }
  if (typeof view !== 'object' || view === null) return { refused: invalidArguments(['must provide an object [json-pointer:/view]']) };
  return { view: view as Record<string, unknown> };
}

// A minimal views.open: the modal's required fields and its blocks are checked; nothing is shown.
const viewsOpen: Handler = ({ params: p, views }) => {
  const missing = ['trigger_id', 'view'].filter((k) => p[k] === undefined || p[k] === '');
  if (missing.length > 0) return invalidArguments(missing.map((k) => `missing required field: ${k}`));
  const read = viewParam(p.view);
  if ('refused' in read) return read.refused;
  const v = read.view;
  const problems: string[] = [];
  if (v.type !== 'modal') problems.push('must be a valid enum value [json-pointer:/view/type]');
  const title = v.title as { type?: string; text?: string } | undefined;
  if (!title || title.type !== 'plain_text' || typeof title.text !== 'string') problems.push('missing required field: title [json-pointer:/view]');
  else if ([...title.text].length > SLACK_LIMITS.viewTitle)
    problems.push(`must be less than ${SLACK_LIMITS.viewTitle + 1} characters [json-pointer:/view/title/text]`);
  problems.push(...validateBlocks(v.blocks, 'modal').map((e) => e.replace('[json-pointer:/blocks', '[json-pointer:/view/blocks')));
  if (problems.length > 0) return invalidArguments(problems);
  const id = `V${String(views.length + 1).padStart(9, '0')}`;
  const opened = {
    id,
    team_id: 'T0RAQIB01',
    ...v,
    state: { values: {} },
    hash: `${Date.now()}.${id}`,
    private_metadata: v.private_metadata ?? '',
    callback_id: v.callback_id ?? '',
  };
  views.push(opened);
  return done({ view: opened });
};

/**
 * views.publish (spec: user_id and view required, view a JSON string or object of type "home"):
 * the App Home tab of one user; a later publish for the same user replaces it. Views record it
 * with `published_for`, so tests read what each user's Home shows.
 */
const viewsPublish: Handler = ({ world, params: p, views }) => {
  const missing = ['user_id', 'view'].filter((k) => p[k] === undefined || p[k] === '');
  if (missing.length > 0) return invalidArguments(missing.map((k) => `missing required field: ${k}`));
  if (!world.user(p.user_id)) return fail('user_not_found');
  const read = viewParam(p.view);
  if ('refused' in read) return read.refused;
  const v = read.view;
  const problems: string[] = [];
  if (v.type !== 'home') problems.push('must be a valid enum value [json-pointer:/view/type]');
  problems.push(...validateBlocks(v.blocks, 'home').map((e) => e.replace('[json-pointer:/blocks', '[json-pointer:/view/blocks')));
  if (problems.length > 0) return invalidArguments(problems);
  const id = `V${String(views.length + 1).padStart(9, '0')}`;
  const published = { id, team_id: 'T0RAQIB01', ...v, state: { values: {} }, hash: `${Date.now()}.${id}`, published_for: String(p.user_id) };
  views.push(published);
  return done({ view: published });
};

export const SLACK_METHODS: Record<string, Handler> = {
  'api.test': ({ params }) => done({ args: params }),
  'auth.test': ({ world }) => {
    const { team, botUserId, botId, botName } = world.id;
    return done({
      url: `https://${team.domain}.slack.com/`,
      team: team.name,
      user: botName,
      team_id: team.id,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    });
  },
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': remove,
  'conversations.info': conversationsInfo,
  'users.info': usersInfo,
  'views.open': viewsOpen,
  'views.publish': viewsPublish,
};
