// Block Kit and message limits as Slack enforces them on chat.postMessage, chat.update,
// chat.postEphemeral, response_url and views.open. Sources: ../shared/fixtures/slack/mrkdwn_escaping.md
// ("Sizes commonly hit") and the Block Kit reference it cites. Errors are worded like Slack's own
// `invalid_blocks` details: "must be less than 3001 characters [json-pointer:/blocks/0/text/text]".

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  /** chat.postMessage `text`: longer is `msg_too_long`. */
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  blockId: 255,
  buttonValue: 2000,
  url: 3000,
  imageAltText: 2000,
  imageTitle: 2000,
  /** All `markdown` blocks of one message together. */
  markdownTotal: 12_000,
  inputLabel: 2000,
  viewTitle: 24,
  /** Slack's advice, not an error: notifications show the first part of `text`. */
  fallbackTextAdvised: 4000,
} as const;

export type Surface = 'message' | 'modal' | 'home';

const MESSAGE_BLOCKS = new Set(['section', 'divider', 'image', 'actions', 'context', 'header', 'input', 'rich_text', 'file', 'video', 'markdown', 'table']);
const VIEW_BLOCKS = new Set(['section', 'divider', 'image', 'actions', 'context', 'header', 'input', 'rich_text', 'video', 'markdown']);
const INTERACTIVE = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'timepicker',
  'image',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'email_text_input',
  'number_input',
  'url_text_input',
  'rich_text_input',
  'file_input',
  'workflow_button',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const chars = (s: string): number => [...s].length;

class Problems {
  readonly list: string[] = [];
  add(message: string, pointer: string): void {
    this.list.push(`${message} [json-pointer:${pointer}]`);
  }
  str(v: unknown, pointer: string, max: number, required = true): v is string {
    if (v === undefined) {
      if (required) this.add(`missing required field: ${pointer.split('/').pop()}`, pointer.split('/').slice(0, -1).join('/'));
      return false;
    }
    if (typeof v !== 'string') {
      this.add('must provide a string', pointer);
      return false;
    }
    if (chars(v) > max) this.add(`must be less than ${max + 1} characters`, pointer);
    return true;
  }
  text(v: unknown, pointer: string, max: number, opts: { plainOnly?: boolean; required?: boolean } = {}): void {
    if (v === undefined) {
      if (opts.required !== false) this.add(`missing required field: ${pointer.split('/').pop()}`, pointer.split('/').slice(0, -1).join('/'));
      return;
    }
    if (!isObj(v)) return this.add('must provide an object', pointer);
    if (v.type !== 'plain_text' && v.type !== 'mrkdwn') return this.add('must be a valid enum value', `${pointer}/type`);
    if (opts.plainOnly && v.type !== 'plain_text') this.add('must be a valid enum value', `${pointer}/type`);
    if (this.str(v.text, `${pointer}/text`, max) && v.text.length === 0) this.add('must be more than 0 characters', `${pointer}/text`);
    if (v.emoji !== undefined && v.type !== 'plain_text') this.add('invalid additional property: emoji', pointer);
    if (v.verbatim !== undefined && v.type !== 'mrkdwn') this.add('invalid additional property: verbatim', pointer);
  }
  list_(v: unknown, pointer: string, min: number, max: number): v is unknown[] {
    if (!Array.isArray(v)) {
      this.add(
        v === undefined ? `missing required field: ${pointer.split('/').pop()}` : 'must provide an array',
        v === undefined ? pointer.split('/').slice(0, -1).join('/') : pointer,
      );
      return false;
    }
    if (v.length < min) this.add(`must provide at least ${min} item${min === 1 ? '' : 's'}`, pointer);
    if (v.length > max) this.add(`no more than ${max} items allowed`, pointer);
    return true;
  }
}

function checkElement(p: Problems, el: unknown, ptr: string): void {
  if (!isObj(el)) return p.add('must provide an object', ptr);
  if (typeof el.type !== 'string' || !INTERACTIVE.has(el.type)) return p.add('must be a valid enum value', `${ptr}/type`);
  if (el.action_id !== undefined) p.str(el.action_id, `${ptr}/action_id`, SLACK_LIMITS.actionId);
  if (el.type === 'button') {
    p.text(el.text, `${ptr}/text`, SLACK_LIMITS.buttonText, { plainOnly: true });
    p.str(el.value, `${ptr}/value`, SLACK_LIMITS.buttonValue, false);
    p.str(el.url, `${ptr}/url`, SLACK_LIMITS.url, false);
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') p.add('must be a valid enum value', `${ptr}/style`);
  } else if (el.type === 'image') {
    if (el.image_url === undefined && el.slack_file === undefined) p.add('must provide either image_url or slack_file', ptr);
    p.str(el.image_url, `${ptr}/image_url`, SLACK_LIMITS.url, false);
    p.str(el.alt_text, `${ptr}/alt_text`, SLACK_LIMITS.imageAltText);
  }
}

function checkBlock(p: Problems, b: unknown, ptr: string, surface: Surface, markdownChars: { n: number }): void {
  if (!isObj(b)) return p.add('must provide an object', ptr);
  const allowed = surface === 'message' ? MESSAGE_BLOCKS : VIEW_BLOCKS;
  if (typeof b.type !== 'string') return p.add('missing required field: type', ptr);
  if (!allowed.has(b.type)) return p.add('must be a valid enum value', `${ptr}/type`);
  if (b.block_id !== undefined) p.str(b.block_id, `${ptr}/block_id`, SLACK_LIMITS.blockId);
  switch (b.type) {
    case 'section':
      if (b.text === undefined && b.fields === undefined) p.add('must provide either text or fields', ptr);
      p.text(b.text, `${ptr}/text`, SLACK_LIMITS.sectionText, { required: false });
      if (b.fields !== undefined && p.list_(b.fields, `${ptr}/fields`, 1, SLACK_LIMITS.sectionFields)) {
        (b.fields as unknown[]).forEach((f, i) => p.text(f, `${ptr}/fields/${i}`, SLACK_LIMITS.sectionFieldText));
      }
      if (b.accessory !== undefined) checkElement(p, b.accessory, `${ptr}/accessory`);
      break;
    case 'header':
      p.text(b.text, `${ptr}/text`, SLACK_LIMITS.headerText, { plainOnly: true });
      break;
    case 'context':
      if (p.list_(b.elements, `${ptr}/elements`, 1, SLACK_LIMITS.contextElements)) {
        (b.elements as unknown[]).forEach((e, i) => {
          if (isObj(e) && e.type === 'image') checkElement(p, e, `${ptr}/elements/${i}`);
          else p.text(e, `${ptr}/elements/${i}`, SLACK_LIMITS.sectionText);
        });
      }
      break;
    case 'actions':
      if (p.list_(b.elements, `${ptr}/elements`, 1, SLACK_LIMITS.actionsElements)) {
        (b.elements as unknown[]).forEach((e, i) => checkElement(p, e, `${ptr}/elements/${i}`));
      }
      break;
    case 'image':
      if (b.image_url === undefined && b.slack_file === undefined) p.add('must provide either image_url or slack_file', ptr);
      p.str(b.image_url, `${ptr}/image_url`, SLACK_LIMITS.url, false);
      // Slack fetches the picture itself: only a web address will do.
      if (typeof b.image_url === 'string' && !/^https?:\/\/[^\s/]+/i.test(b.image_url)) p.add('must be a valid URL', `${ptr}/image_url`);
      p.str(b.alt_text, `${ptr}/alt_text`, SLACK_LIMITS.imageAltText);
      p.text(b.title, `${ptr}/title`, SLACK_LIMITS.imageTitle, { plainOnly: true, required: false });
      break;
    case 'markdown':
      if (p.str(b.text, `${ptr}/text`, SLACK_LIMITS.markdownTotal)) markdownChars.n += chars(b.text);
      break;
    case 'input':
      p.text(b.label, `${ptr}/label`, SLACK_LIMITS.inputLabel, { plainOnly: true });
      if (!isObj(b.element))
        p.add(b.element === undefined ? 'missing required field: element' : 'must provide an object', b.element === undefined ? ptr : `${ptr}/element`);
      break;
    case 'rich_text':
    case 'table':
      p.list_(b.type === 'table' ? b.rows : b.elements, `${ptr}/${b.type === 'table' ? 'rows' : 'elements'}`, 1, 100);
      break;
    case 'video':
      for (const f of ['alt_text', 'thumbnail_url', 'video_url']) p.str(b[f], `${ptr}/${f}`, SLACK_LIMITS.url);
      p.text(b.title, `${ptr}/title`, 200, { plainOnly: true });
      break;
    case 'file':
      p.str(b.external_id, `${ptr}/external_id`, 255);
      if (b.source !== 'remote') p.add('must be a valid enum value', `${ptr}/source`);
      break;
  }
}

/** Slack-style problems in a `blocks` array (empty = valid). `blocks` may be the JSON string a form carries. */
export function validateBlocks(blocks: unknown, surface: Surface = 'message'): string[] {
  const p = new Problems();
  const max = surface === 'message' ? SLACK_LIMITS.blocksPerMessage : SLACK_LIMITS.blocksPerView;
  if (!p.list_(blocks, '/blocks', 0, max)) return p.list;
  const markdownChars = { n: 0 };
  const ids = new Set<string>();
  (blocks as unknown[]).forEach((b, i) => {
    checkBlock(p, b, `/blocks/${i}`, surface, markdownChars);
    const id = isObj(b) ? b.block_id : undefined;
    if (typeof id === 'string') {
      if (ids.has(id)) p.add('duplicate block_id', `/blocks/${i}/block_id`);
      ids.add(id);
    }
  });
  if (markdownChars.n > SLACK_LIMITS.markdownTotal) p.add(`markdown blocks must be less than ${SLACK_LIMITS.markdownTotal + 1} characters in total`, '/blocks');
  return p.list;
}

export interface SlackMessageInput {
  text?: unknown;
  blocks?: unknown;
  attachments?: unknown;
}

export type SlackMessageCheck =
  | { ok: true; blocks?: unknown[]; warnings: string[] }
  | { ok: false; error: 'invalid_blocks' | 'invalid_blocks_format' | 'msg_too_long' | 'no_text' | 'invalid_attachments'; errors: string[]; warnings: string[] };

/**
 * The checks chat.postMessage applies to text/blocks/attachments, with Slack's error names.
 * Fallback-text rules: blocks without `text` are accepted by Slack but leave notifications and
 * screen readers with nothing — a warning here, an error with `requireFallbackText`.
 */
export function checkSlackMessage(msg: SlackMessageInput, opts: { requireFallbackText?: boolean; surface?: Surface } = {}): SlackMessageCheck {
  const warnings: string[] = [];
  let blocks: unknown = msg.blocks;
  if (typeof blocks === 'string') {
    try {
      blocks = JSON.parse(blocks);
    } catch {
      return { ok: false, error: 'invalid_blocks_format', errors: ['blocks must be a JSON-encoded array'], warnings };
    }
  }
  if (blocks !== undefined && !Array.isArray(blocks)) return { ok: false, error: 'invalid_blocks_format', errors: ['blocks must be an array'], warnings };
  const text = msg.text === undefined || msg.text === null ? '' : String(msg.text);
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = msg.attachments !== undefined && msg.attachments !== '' && msg.attachments !== '[]';
  if (text.trim() === '' && !hasBlocks && !hasAttachments) return { ok: false, error: 'no_text', errors: ['no text, blocks or attachments'], warnings };
  if (chars(text) > SLACK_LIMITS.messageText)
    return { ok: false, error: 'msg_too_long', errors: [`text must be at most ${SLACK_LIMITS.messageText} characters`], warnings };
  if (hasBlocks) {
    const errors = validateBlocks(blocks, opts.surface ?? 'message');
    if (errors.length > 0) return { ok: false, error: 'invalid_blocks', errors, warnings };
    if (text.trim() === '') {
      if (opts.requireFallbackText) return { ok: false, error: 'no_text', errors: ['blocks need a top-level text fallback'], warnings };
      warnings.push('missing_text_fallback');
    }
  }
  if (chars(text) > SLACK_LIMITS.fallbackTextAdvised) warnings.push('text_longer_than_advised');
  warnings.push(...mrkdwnHazards(text).map((h) => `text: ${h}`));
  return { ok: true, ...(Array.isArray(blocks) ? { blocks } : {}), warnings };
}

/**
 * Control sequences that reached mrkdwn unescaped: special mentions that notify people and links
 * whose label shows another address (the injection cases of feeds/authored/rss_chat_injection.xml).
 */
export function mrkdwnHazards(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/<!(channel|here|everyone|subteam\^[A-Z0-9]+)(?:\|[^>]*)?>/g)) found.push(`special mention <!${m[1]}>`);
  for (const m of text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) found.push(`user mention <@${m[1]}>`);
  for (const m of text.matchAll(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g)) {
    const label = m[2]!.trim();
    if (/^(?:https?:\/\/)?[\w-]+(\.[\w-]+)+/.test(label)) {
      const host = (u: string): string => {
        try {
          return new URL(/^https?:/.test(u) ? u : `http://${u}`).hostname;
        } catch {
          return u;
        }
      };
      if (host(label) !== host(m[1]!)) found.push(`link label ${label} hides ${m[1]}`);
    }
  }
  return found;
}
