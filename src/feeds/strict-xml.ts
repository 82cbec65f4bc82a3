// A small, strict XML reader for documents people upload (OPML). Unlike the lenient feed reader,
// it refuses anything not well-formed — unclosed or crossed tags, unquoted or repeated attributes,
// unknown entities, text after the root — so that an import either reads the whole file or
// nothing. No DTDs: a DOCTYPE with an internal subset (entity expansion bombs) is refused.

export interface XmlElement {
  name: string;
  /** Attributes as written (prefixed names kept, e.g. "raqib:interval"), values unescaped. */
  attrs: Map<string, string>;
  children: XmlElement[];
  /** The element's own text (entities and CDATA unescaped), children's text excluded. */
  text: string;
  /** 1-based line of the start tag, for messages. */
  line: number;
}

export type XmlResult = { ok: true; root: XmlElement } | { ok: false; error: string };

export const MAX_XML_DEPTH = 64;

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlError extends Error {}

/** Unescapes entity and character references; throws on an unknown or malformed one. */
function unescape(s: string, line: number): string {
  return s.replace(/&([^;&\s]{0,12})(;?)/g, (_m, ref: string, semi: string) => {
    if (!semi) throw new XmlError(`line ${line}: "&" must start an entity such as &amp;`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const num = /^#x([0-9a-f]{1,6})$/i.exec(ref) ?? /^#(\d{1,7})$/.exec(ref);
    if (num) {
      const code = parseInt(num[1]!, ref[1] === 'x' || ref[1] === 'X' ? 16 : 10);
      if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    }
    throw new XmlError(`line ${line}: unknown entity &${ref};`);
  });
}

function parseAttrs(text: string, line: number): Map<string, string> {
  const attrs = new Map<string, string>();
  let rest = text;
  while (rest.trim() !== '') {
    const m = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(rest);
    if (!m) throw new XmlError(`line ${line}: malformed attribute near "${rest.trim().slice(0, 40)}"`);
    const name = m[1]!;
    if (attrs.has(name)) throw new XmlError(`line ${line}: attribute "${name}" given twice`);
    attrs.set(name, unescape(m[3] ?? m[4] ?? '', line));
    rest = rest.slice(m[0].length);
  }
  return attrs;
}

/** Parses a whole document; any well-formedness error fails it with the line it was found on. */
export function parseStrictXml(input: string): XmlResult {
  try {
    return { ok: true, root: new Reader(input.replace(/^\uFEFF/, '')).read() };
  } catch (e) {
    if (e instanceof XmlError) return { ok: false, error: e.message };
    throw e;
  }
}

class Reader {
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private pos = 0;
  private line = 1;
  constructor(private readonly src: string) {}

  read(): XmlElement {
    const src = this.src;
    while (this.pos < src.length) {
      const lt = src.indexOf('<', this.pos);
      const text = src.slice(this.pos, lt < 0 ? src.length : lt);
      if (text.trim() !== '') {
        const top = this.stack[this.stack.length - 1];
        if (!top) throw new XmlError(`line ${this.line}: text outside the root element`);
        top.text += unescape(text, this.line);
      }
      if (lt < 0) break;
      this.advance(lt);
      this.markup();
    }
    const open = this.stack[this.stack.length - 1];
    if (open) throw new XmlError(`<${open.name}> (line ${open.line}) is never closed`);
    if (!this.root) throw new XmlError('no root element');
    return this.root;
  }

  private advance(to: number): void {
    for (let i = this.pos; i < to; i++) if (this.src.charCodeAt(i) === 10) this.line++;
    this.pos = to;
  }

  private until(marker: string, what: string): number {
    const end = this.src.indexOf(marker, this.pos);
    if (end < 0) throw new XmlError(`line ${this.line}: unterminated ${what}`);
    return end;
  }

  /** The ">" that ends the tag at pos, skipping ">" inside quoted attribute values. */
  private tagEnd(): number {
    let quote = '';
    for (let i = this.pos + 1; i < this.src.length; i++) {
      const c = this.src[i]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') return i;
      else if (c === '<') break;
    }
    throw new XmlError(`line ${this.line}: unterminated tag`);
  }

  private markup(): void {
    const { src, pos } = this;
    if (src.startsWith('<!--', pos)) this.advance(this.until('-->', 'comment') + 3);
    else if (src.startsWith('<![CDATA[', pos)) {
      const top = this.stack[this.stack.length - 1];
      if (!top) throw new XmlError(`line ${this.line}: CDATA outside the root element`);
      const end = this.until(']]>', 'CDATA section');
      top.text += src.slice(pos + 9, end);
      this.advance(end + 3);
    } else if (src.startsWith('<?', pos)) this.advance(this.until('?>', 'processing instruction') + 2);
    else if (src.startsWith('<!DOCTYPE', pos)) {
      const end = this.until('>', 'DOCTYPE');
      if (src.slice(pos, end).includes('[')) throw new XmlError(`line ${this.line}: DOCTYPE declarations with entities are not accepted`);
      this.advance(end + 1);
    } else if (src.startsWith('</', pos)) this.endTag();
    else this.startTag();
  }

  private endTag(): void {
    const end = this.until('>', 'end tag');
    const name = this.src.slice(this.pos + 2, end).trim();
    const open = this.stack.pop();
    if (!open) throw new XmlError(`line ${this.line}: </${name}> closes nothing`);
    if (open.name !== name) throw new XmlError(`line ${this.line}: </${name}> does not close <${open.name}> (line ${open.line})`);
    this.advance(end + 1);
  }

  private startTag(): void {
    const end = this.tagEnd();
    let body = this.src.slice(this.pos + 1, end);
    const selfClosing = body.endsWith('/');
    if (selfClosing) body = body.slice(0, -1);
    const name = NAME.exec(body)?.[0];
    if (!name) throw new XmlError(`line ${this.line}: "<" must start a tag (write &lt; in text)`);
    const el: XmlElement = { name, attrs: parseAttrs(body.slice(name.length), this.line), children: [], text: '', line: this.line };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(el);
    else if (this.root) throw new XmlError(`line ${this.line}: a second root element <${name}>`);
    else this.root = el;
    if (!selfClosing) this.stack.push(el);
    if (this.stack.length > MAX_XML_DEPTH) throw new XmlError(`line ${this.line}: nested deeper than ${MAX_XML_DEPTH} levels`);
    this.advance(end + 1);
  }
}
