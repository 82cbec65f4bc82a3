// HTML fragments from feeds → clean text: tags removed, entities decoded, whitespace folded.
// A linear scanner rather than a DOM: descriptions arrive by the thousand per poll and this path
// must stay fast; full pages go through Readability instead (full-text.ts).
import { decodeHTML } from 'entities';

// Elements whose content is never text a reader sees.
const DROP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head', 'select', 'textarea', 'title']);
// Elements that break a line: their boundaries become newlines, not glued words.
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'body',
  'html',
  'caption',
  'center',
]);

// Invisible characters that only cause trouble downstream: bidi overrides and isolates (RTL
// spoofing in chats), zero-width space, BOM, soft hyphen, C0/C1 controls. ZWJ/ZWNJ stay: Persian
// and Urdu words need them.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

// Only real markup is removed: known HTML element names, namespaced Office junk (<o:p>) and
// comments / CDATA / doctypes. Text that merely looks like a tag ("<!channel>", "<@U123>",
// "<https://x|y>") stays literal: it is content, and escaping it is the renderer's job.
const TAG =
  /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?=[\s/>])(?:[^>"']|"[^"]{0,4000}"|'[^']{0,4000}')*>|<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<!(?:doctype|\[if|\[endif)[^>]*>|<\?xml[^>]*>/gi;

const HTML_ELEMENTS = new Set(
  (
    'a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body br button canvas caption center cite code col ' +
    'colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 ' +
    'head header hgroup hr html i iframe img input ins kbd label legend li link main map mark marquee math menu meta meter nav nobr noframes noscript ' +
    'object ol optgroup option output p param picture pre progress q rp rt ruby s samp script section select small source span strike strong style ' +
    'sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp'
  ).split(' '),
);

function isMarkup(name: string): boolean {
  return HTML_ELEMENTS.has(name) || (name.includes(':') && !name.endsWith(':'));
}

export interface TextOptions {
  /** Keep line breaks between blocks (for article text); titles and summaries fold to one line. */
  keepLines?: boolean;
}

/** Decodes entities and removes invisible controls, folding whitespace; for text that holds no markup. */
export function cleanPlain(text: string, opts: TextOptions = {}): string {
  return fold(decodeHTML(text), opts.keepLines ?? false);
}

/** HTML (or text that may contain HTML) → clean text. */
export function htmlToText(html: string, opts: TextOptions = {}): string {
  if (!html) return '';
  if (!html.includes('<')) return cleanPlain(html, opts);
  let out = '';
  let last = 0;
  let dropping: string | undefined;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const between = html.slice(last, m.index);
    last = TAG.lastIndex;
    if (!dropping) out += decodeHTML(between);
    const name = m[2]?.toLowerCase();
    if (m[3] !== undefined) {
      if (!dropping) out += m[3]; // CDATA inside HTML: literal text
      continue;
    }
    if (!name) continue; // comment, doctype, processing instruction
    if (!isMarkup(name)) {
      if (!dropping) out += decodeHTML(m[0]);
      continue;
    }
    const closing = m[1] === '/';
    if (dropping) {
      if (closing && name === dropping) dropping = undefined;
      continue;
    }
    if (!closing && DROP_CONTENT.has(name) && !m[0].endsWith('/>')) {
      dropping = name;
      continue;
    }
    if (BLOCK.has(name)) out += '\n';
    else if (name === 'img') {
      // Alt text is the only text an image contributes.
      const alt = m[0].match(/\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i);
      const a = alt?.[1] ?? alt?.[2];
      if (a) out += ` ${decodeHTML(a)} `;
    }
  }
  if (!dropping) out += decodeHTML(html.slice(last));
  return fold(out, opts.keepLines ?? false);
}

// ZWJ/ZWNJ only mean something between letters (Persian, Urdu) or inside emoji sequences.
const STRAY_JOINER = /(?<![\p{L}\p{M}\p{Extended_Pictographic}])[\u200c\u200d]|[\u200c\u200d](?![\p{L}\p{M}\p{Extended_Pictographic}])/gu;

function fold(text: string, keepLines: boolean): string {
  let t = text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
  // The look-around regex is costly on long text; most text has no joiner at all.
  if (t.includes('\u200c') || t.includes('\u200d')) t = t.replace(STRAY_JOINER, '');
  if (!keepLines) return t.replace(/\s+/g, ' ').trim();
  return t
    .split(/\n/)
    .map((l) => l.replace(/[ \t\f\v]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}
