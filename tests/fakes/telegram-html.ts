// Telegram `parse_mode: "HTML"` as the Bot API server parses it. The parser follows tdlib's
// `parse_html` (td/telegram/MessageEntity.cpp) byte by byte, because Telegram's error messages quote
// UTF-8 byte offsets and because its quirks matter to a sender: unknown named entities such as
// `&nbsp;` stay literal text (no error), a bare `>` is fine, a bare `<` is not, `</>` closes any tag,
// a link with an unusable href is silently dropped. Nesting violations are not errors either: the
// server drops the offending entity, which we report in `warnings` so tests can still catch them.
// Rules come from ../shared/fixtures/telegram/parse_mode_html.md (Bot API 10.1).

export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

export interface TelegramEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: { id: number; is_bot: boolean; first_name: string };
  language?: string;
  custom_emoji_id?: string;
  unix_time?: number;
  date_time_format?: string;
}

export type HtmlParseResult =
  | {
      ok: true;
      /** The visible text after entity parsing and Telegram's trimming of spaces and newlines. */
      text: string;
      entities: TelegramEntity[];
      /** What Telegram compares with 4096: Unicode code points of `text`. */
      length: number;
      /** Offsets/lengths unit: UTF-16 code units of `text`. */
      utf16Length: number;
      /** Entities the server would drop silently (bad links, forbidden nesting). */
      warnings: string[];
    }
  | { ok: false; /** tdlib's message, e.g. `Unsupported start tag "p" at byte offset 0` */ error: string };

const SUPPORTED_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  's',
  'strike',
  'del',
  'u',
  'ins',
  'tg-spoiler',
  'tg-emoji',
  'tg-time',
  'span',
  'pre',
  'code',
  'blockquote',
]);
const SPLITTABLE = new Set(['bold', 'italic', 'underline', 'strikethrough', 'spoiler']);
const BLOCKQUOTES = new Set(['blockquote', 'expandable_blockquote']);
const PRE_LIKE = new Set(['pre', 'code']);
const TYPE_PRIORITY: Record<string, number> = {
  blockquote: 0,
  expandable_blockquote: 0,
  pre: 11,
  code: 20,
  text_link: 49,
  text_mention: 49,
  date_time: 50,
  bold: 90,
  italic: 91,
  underline: 92,
  strikethrough: 93,
  spoiler: 94,
  custom_emoji: 99,
};
const DATE_TIME_FORMAT = /^(?:r|w?[dD]?[tT]?)$/;

// td::is_space: the NUL terminator counts as a space, which is how the C++ loops stop at the end.
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10 || c === 0 || c === 11 || c === 12;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** tdlib decode_html_entity: 0 means "not an entity, keep the `&` as text". */
function decodeEntity(b: Uint8Array, pos: number): { code: number; end: number } | undefined {
  const at = (i: number): number => (i < b.length ? b[i]! : 0);
  let end = pos + 1;
  let code = 0;
  if (at(pos + 1) === 35 /* # */) {
    end++;
    if (at(pos + 2) === 120 /* x (lower case only) */) {
      end++;
      while (isHex(at(end))) code = code * 16 + parseInt(String.fromCharCode(at(end++)), 16);
    } else {
      while (isDigit(at(end))) code = code * 10 + (at(end++) - 48);
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return undefined;
  } else {
    while (isAlpha(at(end))) end++;
    const name = Buffer.from(b.subarray(pos + 1, end)).toString('latin1');
    const named: Record<string, number> = { lt: 60, gt: 62, amp: 38, quot: 34 };
    if (!(name in named)) return undefined;
    code = named[name]!;
  }
  return { code, end: at(end) === 59 /* ; */ ? end + 1 : end };
}

function utf8Of(code: number): number[] {
  // Surrogates are encoded like tdlib does (3 bytes); they are rejected after parsing anyway.
  if (code < 0x80) return [code];
  if (code < 0x800) return [0xc0 | (code >> 6), 0x80 | (code & 63)];
  if (code < 0x10000) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
  return [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
}

/** LinkManager::get_link_user_id: `tg://user?id=123`. */
function linkUserId(url: string): number | undefined {
  const m = /^tg:(?:\/\/)?user\?(?:.*&)?id=(\d{1,15})(?:&|$)/i.exec(url);
  return m ? Number(m[1]) : undefined;
}

/** LinkManager::get_checked_link, approximated: http(s) (scheme optional), tg: and ton: links. */
export function checkTelegramLink(raw: string): string | undefined {
  const url = raw.trim();
  if (url === '') return undefined;
  if (/^(?:tg|ton):/i.test(url)) return url;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return undefined;
  // `javascript:…`, `mailto:…` have a scheme but no `//`; `example.com:8080` is a host and a port.
  if (scheme === undefined && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(scheme === undefined ? `http://${url}` : url);
  } catch {
    return undefined;
  }
  if (parsed.username || parsed.password) return undefined;
  const host = parsed.hostname;
  if (!host || (!host.includes('.') && host !== 'localhost' && !host.startsWith('['))) return undefined;
  return parsed.href;
}

interface Open {
  tag: string;
  arg: string;
  attrs: Map<string, string>;
  offset: number;
  beginPos: number;
}

/** Parses Telegram HTML exactly as far as errors go; see the file comment for what is approximated. */
export function parseTelegramHtml(html: string): HtmlParseResult {
  const b = Buffer.from(html, 'utf8');
  const n = b.length;
  const at = (i: number): number => (i < n ? b[i]! : 0);
  const out: number[] = [];
  const entities: TelegramEntity[] = [];
  const warnings: string[] = [];
  const stack: Open[] = [];
  let utf16 = 0;
  let badSurrogate = false;
  const fail = (error: string): HtmlParseResult => ({ ok: false, error });
  const slice = (from: number, to: number): string => b.subarray(from, to).toString('utf8');

  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 38 /* & */) {
      const ent = decodeEntity(b, i);
      if (ent) {
        i = ent.end - 1;
        utf16 += ent.code > 0xffff ? 2 : 1;
        if (ent.code >= 0xd800 && ent.code <= 0xdfff) badSurrogate = true;
        out.push(...utf8Of(ent.code));
        continue;
      }
    }
    if (c !== 60 /* < */) {
      if ((c & 0xc0) !== 0x80) utf16 += c >= 0xf0 ? 2 : 1;
      out.push(c);
      continue;
    }
    const begin = i++;
    if (at(i) !== 47 /* / */) {
      while (!isSpace(at(i)) && at(i) !== 62) i++;
      if (at(i) === 0) return fail(`Unclosed start tag at byte offset ${begin}`);
      const tag = slice(begin + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(tag)) return fail(`Unsupported start tag "${tag}" at byte offset ${begin}`);
      let arg = '';
      const attrs = new Map<string, string>();
      while (at(i) !== 62) {
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === 62) break;
        const nameBegin = i;
        while (!isSpace(at(i)) && ![61, 62, 47, 34, 39].includes(at(i))) i++;
        const name = slice(nameBegin, i);
        if (name === '') return fail(`Empty attribute name in the tag "${tag}" at byte offset ${begin}`);
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) !== 61 /* = */) {
          if (at(i) === 0) return fail(`Unclosed start tag "${tag}" at byte offset ${begin}`);
          if (tag === 'blockquote' && name === 'expandable') arg = '1';
          continue;
        }
        i++;
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === 0) return fail(`Unclosed start tag "${tag}" at byte offset ${begin}`);
        let value: string;
        if (at(i) !== 39 && at(i) !== 34) {
          const tokenBegin = i;
          while (isAlpha(at(i)) || isDigit(at(i)) || at(i) === 46 || at(i) === 45) i++;
          value = slice(tokenBegin, i).toLowerCase();
          if (!isSpace(at(i)) && at(i) !== 62) return fail(`Unexpected end of name token at byte offset ${tokenBegin}`);
        } else {
          const quote = b[i++]!;
          const bytes: number[] = [];
          while (at(i) !== quote && at(i) !== 0) {
            if (at(i) === 38) {
              const ent = decodeEntity(b, i);
              if (ent) {
                bytes.push(...utf8Of(ent.code));
                i = ent.end;
                continue;
              }
            }
            bytes.push(b[i++]!);
          }
          if (at(i) === quote) i++;
          value = Buffer.from(bytes).toString('utf8');
        }
        if (at(i) === 0) return fail(`Unclosed start tag at byte offset ${begin}`);
        attrs.set(name, value);
        if (tag === 'a' && name === 'href') arg = value;
        else if (tag === 'code' && name === 'class' && value.startsWith('language-')) arg = value.slice(9);
        else if (tag === 'span' && name === 'class' && value.startsWith('tg-')) arg = value.slice(3);
        else if (tag === 'tg-emoji' && name === 'emoji-id') arg = value;
        else if (tag === 'blockquote' && name === 'expandable') arg = '1';
      }
      if (tag === 'span' && arg !== 'spoiler') return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${begin}`);
      stack.push({ tag, arg, attrs, offset: utf16, beginPos: out.length });
      continue;
    }
    // An end tag.
    if (stack.length === 0) return fail(`Unexpected end tag at byte offset ${begin}`);
    while (!isSpace(at(i)) && at(i) !== 62) i++;
    const endName = slice(begin + 2, i).toLowerCase();
    while (isSpace(at(i)) && at(i) !== 0) i++;
    if (at(i) !== 62) return fail(`Unclosed end tag at byte offset ${begin}`);
    const open = stack[stack.length - 1]!;
    if (endName !== '' && endName !== open.tag) {
      return fail(`Unmatched end tag at byte offset ${begin}, expected "</${open.tag}>", found "</${endName}>"`);
    }
    if (utf16 > open.offset) {
      const problem = addEntity(open, utf16, out, entities, warnings);
      if (problem) return fail(problem);
    }
    stack.pop();
  }
  if (stack.length > 0) return fail(`Can't find end tag corresponding to start tag "${stack[stack.length - 1]!.tag}"`);
  if (badSurrogate) {
    return fail('Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units');
  }
  for (const e of entities) if (e.type === 'code') delete e.language;
  sortEntities(entities);
  const kept = dropForbiddenNesting(entities, warnings);
  return trim(Buffer.from(out).toString('utf8'), kept, warnings);
}

function addEntity(open: Open, end: number, out: number[], entities: TelegramEntity[], warnings: string[]): string | undefined {
  const offset = open.offset;
  const length = end - offset;
  const simple: Record<string, string> = {
    i: 'italic',
    em: 'italic',
    b: 'bold',
    strong: 'bold',
    s: 'strikethrough',
    strike: 'strikethrough',
    del: 'strikethrough',
    u: 'underline',
    ins: 'underline',
    'tg-spoiler': 'spoiler',
    span: 'spoiler',
  };
  const last = entities[entities.length - 1];
  const sameSpan = last !== undefined && last.offset === offset && last.length === length;
  switch (open.tag) {
    case 'tg-emoji': {
      if (!/^-?\d{1,19}$/.test(open.arg) || BigInt(open.arg) === 0n || BigInt(open.arg) > 9223372036854775807n) {
        return 'Invalid custom emoji identifier specified';
      }
      const inner = Buffer.from(out.slice(open.beginPos)).toString('utf8');
      if (!/^\p{Extended_Pictographic}/u.test(inner)) warnings.push(`tg-emoji at ${offset}: content ${JSON.stringify(inner)} is not an emoji`);
      entities.push({ type: 'custom_emoji', offset, length, custom_emoji_id: open.arg });
      return undefined;
    }
    case 'tg-time': {
      // Bot API 10.x tag, newer than the tdlib source this parser follows: error texts are ours.
      const unix = open.attrs.get('unix') ?? '';
      const format = open.attrs.get('format');
      if (!/^\d{1,12}$/.test(unix)) return 'Invalid Unix time specified in the tag "tg-time"';
      if (format !== undefined && !DATE_TIME_FORMAT.test(format)) return 'Invalid date and time format specified in the tag "tg-time"';
      entities.push({ type: 'date_time', offset, length, unix_time: Number(unix), ...(format ? { date_time_format: format } : {}) });
      return undefined;
    }
    case 'a': {
      const url = open.arg !== '' ? open.arg : Buffer.from(out.slice(open.beginPos)).toString('utf8');
      const userId = linkUserId(url);
      if (userId !== undefined) {
        entities.push({ type: 'text_mention', offset, length, user: { id: userId, is_bot: false, first_name: '' } });
        return undefined;
      }
      const checked = checkTelegramLink(url);
      if (checked === undefined) warnings.push(`link at ${offset} dropped: unusable href ${JSON.stringify(url)}`);
      else entities.push({ type: 'text_link', offset, length, url: checked });
      return undefined;
    }
    case 'pre':
      if (sameSpan && last.type === 'code' && last.language) last.type = 'pre';
      else entities.push({ type: 'pre', offset, length });
      return undefined;
    case 'code':
      if (sameSpan && last.type === 'pre' && open.arg !== '') last.language = open.arg;
      else entities.push({ type: 'code', offset, length, ...(open.arg ? { language: open.arg } : {}) });
      return undefined;
    case 'blockquote':
      entities.push({ type: open.arg !== '' ? 'expandable_blockquote' : 'blockquote', offset, length });
      return undefined;
    default:
      entities.push({ type: simple[open.tag]!, offset, length });
      return undefined;
  }
}

function sortEntities(entities: TelegramEntity[]): void {
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length || (TYPE_PRIORITY[a.type] ?? 50) - (TYPE_PRIORITY[b.type] ?? 50));
}

// What tdlib's fix_entities does to entities the HTML nests in forbidden ways: it drops them.
function dropForbiddenNesting(entities: TelegramEntity[], warnings: string[]): TelegramEntity[] {
  const inside = (inner: TelegramEntity, outer: TelegramEntity): boolean =>
    inner !== outer && inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
  const drop = new Set<TelegramEntity>();
  for (const e of entities) {
    for (const outer of entities) {
      if (!inside(e, outer) || drop.has(outer)) continue;
      const sameSpanOuterFirst = e.offset === outer.offset && e.length === outer.length && entities.indexOf(e) < entities.indexOf(outer);
      if (sameSpanOuterFirst) continue;
      let why: string | undefined;
      if (SPLITTABLE.has(e.type) && PRE_LIKE.has(outer.type)) why = `${e.type} cannot be inside ${outer.type}`;
      else if (BLOCKQUOTES.has(e.type) && BLOCKQUOTES.has(outer.type)) why = 'blockquotes cannot be nested';
      else if (BLOCKQUOTES.has(e.type) && !SPLITTABLE.has(outer.type)) {
        drop.add(outer);
        warnings.push(`${outer.type} at ${outer.offset} dropped: it cannot contain a blockquote`);
        continue;
      } else if (!SPLITTABLE.has(e.type) && !BLOCKQUOTES.has(e.type) && !SPLITTABLE.has(outer.type) && !BLOCKQUOTES.has(outer.type)) {
        why = `${e.type} cannot be inside ${outer.type}`;
      }
      if (why) {
        drop.add(e);
        warnings.push(`${e.type} at ${e.offset} dropped: ${why}`);
        break;
      }
    }
  }
  return entities.filter((e) => !drop.has(e));
}

// fix_formatted_text: strip trailing spaces/newlines (cutting entities), then leading ones up to the
// first entity. Only ' ' and '\n' count, exactly as in tdlib.
function trim(text: string, entities: TelegramEntity[], warnings: string[]): HtmlParseResult {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\n')) end--;
  let kept = entities.filter((e) => e.offset < end);
  for (const e of kept) if (e.offset + e.length > end) e.length = end - e.offset;
  let start = 0;
  const firstEntity = kept.length > 0 ? kept[0]!.offset : end;
  while (start < firstEntity && (text[start] === ' ' || text[start] === '\n')) start++;
  const out = text.slice(start, end);
  kept = kept.map((e) => ({ ...e, offset: e.offset - start }));
  return { ok: true, text: out, entities: kept, length: [...out].length, utf16Length: out.length, warnings };
}

export type TelegramTextCheck = { ok: true; text: string; entities: TelegramEntity[]; length: number; warnings: string[] } | { ok: false; description: string };

/**
 * What sendMessage/editMessageText do with `text` + `parse_mode`: the Bot API's exact descriptions
 * ("Bad Request: can't parse entities: …", "Bad Request: message is too long", …).
 * Markdown and MarkdownV2 are accepted but not parsed (the text is counted as is).
 */
export function checkTelegramText(raw: string, parseMode: string | undefined, opts: { limit?: number; tooLong?: string } = {}): TelegramTextCheck {
  const limit = opts.limit ?? TELEGRAM_TEXT_LIMIT;
  if (raw === '') return { ok: false, description: 'Bad Request: message text is empty' };
  const mode = (parseMode ?? '').toLowerCase();
  let parsed: { text: string; entities: TelegramEntity[]; length: number; warnings: string[] };
  if (mode === 'html') {
    const r = parseTelegramHtml(raw);
    if (!r.ok) return { ok: false, description: `Bad Request: can't parse entities: ${r.error}` };
    parsed = r;
  } else if (mode === '' || mode === 'none' || mode === 'markdown' || mode === 'markdownv2') {
    const r = trim(raw, [], []);
    if (!r.ok) return { ok: false, description: 'Bad Request: message text is empty' };
    parsed = r;
  } else {
    return { ok: false, description: 'Bad Request: unsupported parse_mode' };
  }
  if (parsed.text === '') return { ok: false, description: 'Bad Request: message text is empty' };
  if (parsed.length > limit) return { ok: false, description: opts.tooLong ?? 'Bad Request: message is too long' };
  return { ok: true, ...parsed };
}

/** Visible length (code points) of Telegram HTML, or throws with Telegram's parse error. */
export function telegramHtmlLength(html: string): number {
  const r = parseTelegramHtml(html);
  if (!r.ok) throw new Error(`can't parse entities: ${r.error}`);
  return r.length;
}
