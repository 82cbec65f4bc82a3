// A forgiving XML reader for the feeds strict parsers reject: unclosed or mismatched tags, a bare
// "&", undefined entities, an unterminated CDATA section, naked HTML inside <description>, a
// truncated document. It builds a small tree and never expands entities beyond HTML's named and
// numeric ones (the DOCTYPE is already gone, see xml-prep.ts). Linear in the input size.
import { decodeHTML } from 'entities';

export interface XNode {
  /** Lower-cased qualified name, prefix included ("content:encoded"). */
  name: string;
  attrs: Record<string, string>;
  children: (XNode | string)[];
  parent?: XNode;
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTR = /\s*([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/y;

export function decodeXmlText(s: string): string {
  return s.includes('&') ? decodeHTML(s) : s;
}

/** Where the parser is: the source, the position, the open element. */
interface Cursor {
  src: string;
  i: number;
  cur: XNode;
  root: XNode;
}

const pushText = (c: Cursor, t: string) => {
  if (t) c.cur.children.push(t);
};

/** Parses markup into a tree rooted at a synthetic "#document" node. Never throws. */
export function parseLenientXml(src: string): XNode {
  const root: XNode = { name: '#document', attrs: {}, children: [] };
  const c: Cursor = { src, i: 0, cur: root, root };
  const n = src.length;
  while (c.i < n) {
    const lt = src.indexOf('<', c.i);
    if (lt < 0) {
      pushText(c, decodeXmlText(src.slice(c.i)));
      break;
    }
    if (lt > c.i) pushText(c, decodeXmlText(src.slice(c.i, lt)));
    c.i = lt;
    if (skipSpecial(c)) continue;
    if (src[c.i + 1] === '/') endTag(c);
    else startTag(c);
  }
  return root;
}

/** Comments, CDATA, processing instructions and declarations; false when none starts here. */
function skipSpecial(c: Cursor): boolean {
  const { src } = c;
  const n = src.length;
  const i = c.i;
  if (src.startsWith('<!--', i)) {
    const e = src.indexOf('-->', i + 4);
    c.i = e < 0 ? n : e + 3;
  } else if (src.startsWith('<![CDATA[', i)) {
    const e = src.indexOf(']]>', i + 9);
    // An unterminated CDATA section runs to the end of its element, not of the document.
    const stop = e < 0 ? findCloseTag(src, i + 9, c.cur.name) : e;
    pushText(c, src.slice(i + 9, stop));
    c.i = e < 0 ? stop : e + 3;
  } else if (src.startsWith('<?', i)) {
    const e = src.indexOf('?>', i + 2);
    c.i = e < 0 ? n : e + 2;
  } else if (src.startsWith('<!', i)) {
    const e = src.indexOf('>', i + 2);
    c.i = e < 0 ? n : e + 1;
  } else return false;
  return true;
}

function endTag(c: Cursor): void {
  const { src } = c;
  NAME.lastIndex = c.i + 2;
  const m = NAME.exec(src);
  const e = src.indexOf('>', c.i + 2);
  if (!m) {
    pushText(c, '</');
    c.i += 2;
    return;
  }
  const name = m[0].toLowerCase();
  // Close the nearest open element of that name; a stray end tag is ignored.
  for (let x: XNode | undefined = c.cur; x && x !== c.root; x = x.parent) {
    if (x.name === name) {
      c.cur = x.parent ?? c.root;
      break;
    }
  }
  c.i = e < 0 ? src.length : e + 1;
}

function startTag(c: Cursor): void {
  NAME.lastIndex = c.i + 1;
  const m = NAME.exec(c.src);
  if (!m) {
    pushText(c, '<'); // "a < b" in text
    c.i += 1;
    return;
  }
  const node: XNode = { name: m[0].toLowerCase(), attrs: {}, children: [], parent: c.cur };
  const { end, selfClosing } = readAttrs(c.src, NAME.lastIndex, node.attrs);
  c.i = end;
  c.cur.children.push(node);
  if (!selfClosing && !VOID_HTML.has(node.name)) c.cur = node;
}

/** Attributes from `j` to the end of the start tag (or where a broken one stops). */
function readAttrs(src: string, j: number, attrs: Record<string, string>): { end: number; selfClosing: boolean } {
  const n = src.length;
  for (;;) {
    while (j < n && /\s/.test(src[j]!)) j++;
    if (j >= n) return { end: j, selfClosing: false };
    if (src[j] === '>') return { end: j + 1, selfClosing: false };
    if (src[j] === '/' && src[j + 1] === '>') return { end: j + 2, selfClosing: true };
    if (src[j] === '<') return { end: j, selfClosing: false }; // unterminated start tag
    ATTR.lastIndex = j;
    const a = ATTR.exec(src);
    if (!a || ATTR.lastIndex === j) {
      j++;
      continue;
    }
    attrs[a[1]!.toLowerCase()] = decodeXmlText(a[2] ?? a[3] ?? a[4] ?? '');
    j = ATTR.lastIndex;
  }
}

// HTML void elements that appear unescaped in sloppy feeds; they never have children.
const VOID_HTML = new Set(['br', 'img', 'hr', 'meta', 'input', 'wbr', 'source', 'area', 'col', 'embed', 'param', 'track']);

function findCloseTag(src: string, from: number, name: string): number {
  if (name === '#document') return src.length;
  const re = new RegExp(`</${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*>`, 'gi');
  re.lastIndex = from;
  const m = re.exec(src);
  return m ? m.index : src.length;
}

export const localName = (name: string) => name.slice(name.indexOf(':') + 1);
export const prefixOf = (name: string) => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');

/** Text content of a node (all descendant text, concatenated). */
export function textOf(node: XNode): string {
  let out = '';
  for (const c of node.children) out += typeof c === 'string' ? c : textOf(c);
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The children as one HTML string. Text nodes are kept as they are: in feeds, decoded text (from
 * escaped "&lt;p&gt;" or CDATA) already is the HTML the author meant. Naked child elements are
 * serialised back.
 */
export function innerMarkup(node: XNode): string {
  let out = '';
  for (const c of node.children) {
    if (typeof c === 'string') out += c;
    else {
      const attrs = Object.entries(c.attrs)
        .map(([k, v]) => ` ${k}="${esc(v).replace(/"/g, '&quot;')}"`)
        .join('');
      out += `<${localName(c.name)}${attrs}>${innerMarkup(c)}</${localName(c.name)}>`;
    }
  }
  return out;
}

export function childElements(node: XNode): XNode[] {
  return node.children.filter((c): c is XNode => typeof c !== 'string');
}

/** Depth-first search for elements whose local name is in `names`; does not descend into matches. */
export function findAll(node: XNode, names: ReadonlySet<string>, out: XNode[] = [], depth = 0): XNode[] {
  if (depth > 200) return out;
  for (const c of node.children) {
    if (typeof c === 'string') continue;
    if (names.has(localName(c.name))) out.push(c);
    else findAll(c, names, out, depth + 1);
  }
  return out;
}
