// The fallback when feedsmith throws (or finds nothing): read whatever items the document holds.
// XML goes through the forgiving tree reader; JSON is parsed with a repair step for truncated
// bodies (a dropped connection mid-download), and both JSON Feed and "RSS as JSON" are read.
import { childElements, findAll, innerMarkup, localName, parseLenientXml, prefixOf, textOf, type XNode } from './lenient-xml.ts';
import type { ImageCandidate } from './image.ts';
import { firstString, type FeedFormat, type RawFeed, type RawItem } from './raw-feed.ts';

const ITEM_NAMES = new Set(['item', 'entry']);
// Namespaces whose "title"/"description"/"content" are media metadata, not the article's.
const FOREIGN_PREFIXES = new Set([
  'media',
  'itunes',
  'googleplay',
  'podcast',
  'image',
  'enclosure',
  'yt',
  'slash',
  'wfw',
  'feedburner',
  'georss',
  'geo',
  'thr',
]);

function child(node: XNode, names: string[], allowPrefix = false): XNode | undefined {
  const kids = childElements(node);
  for (const want of names) {
    const hit = kids.find((k) =>
      want.includes(':')
        ? k.name === want
        : localName(k.name) === want &&
          (allowPrefix ? !FOREIGN_PREFIXES.has(prefixOf(k.name)) : prefixOf(k.name) === '' || prefixOf(k.name) === 'atom' || prefixOf(k.name) === 'rss'),
    );
    if (hit) return hit;
  }
  return undefined;
}

const text = (n: XNode | undefined) => (n ? textOf(n).trim() : undefined);

/** Atom-style content: xhtml is naked markup; text/html is decoded text; src-only has none. */
function markupOf(n: XNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.attrs.src && n.children.length === 0) return undefined;
  if (n.attrs.mode === 'base64' && !childElements(n).length) {
    try {
      return Buffer.from(textOf(n), 'base64').toString('utf8');
    } catch {
      return undefined;
    }
  }
  return innerMarkup(n).trim() || undefined;
}

function linkOf(node: XNode): string | undefined {
  const links = childElements(node).filter((k) => localName(k.name) === 'link' && !FOREIGN_PREFIXES.has(prefixOf(k.name)));
  for (const l of links) {
    const href = l.attrs.href;
    if (href && (!l.attrs.rel || l.attrs.rel === 'alternate')) return href;
  }
  for (const l of links) {
    const t = textOf(l).trim();
    if (t) return t;
  }
  return links.find((l) => l.attrs.href)?.attrs.href;
}

function authorOf(node: XNode): string | undefined {
  const a = child(node, ['author', 'dc:creator', 'creator'], true);
  if (!a) return undefined;
  const name = child(a, ['name']);
  return firstString(text(name), text(child(a, ['email'])), childElements(a).length ? undefined : text(a));
}

/** media:content / media:thumbnail (also inside media:group), enclosures and rel="enclosure" links. */
function imagesOf(n: XNode, depth = 0): ImageCandidate[] {
  const out: ImageCandidate[] = [];
  for (const k of childElements(n)) {
    const name = localName(k.name);
    const media = prefixOf(k.name) === 'media';
    const a = k.attrs;
    if (media && name === 'group' && depth < 2) out.push(...imagesOf(k, depth + 1));
    else if (media && name === 'content' && a.url)
      out.push({
        url: a.url,
        kind: 'content',
        ...(a.type ? { type: a.type } : {}),
        ...(a.medium ? { medium: a.medium } : {}),
        ...(Number(a.width) ? { width: Number(a.width) } : {}),
      });
    else if (media && name === 'thumbnail' && a.url) out.push({ url: a.url, kind: 'thumbnail' });
    else if (name === 'enclosure' && a.url) out.push({ url: a.url, kind: 'enclosure', type: a.type ?? '' });
    else if (name === 'link' && a.rel === 'enclosure' && a.href) out.push({ url: a.href, kind: 'enclosure', type: a.type ?? '' });
  }
  return out;
}

function itemOf(n: XNode): RawItem {
  const images = imagesOf(n);
  const guidNode = child(n, ['guid', 'id', 'dc:identifier']);
  const permalink = guidNode?.attrs.ispermalink;
  const titleNode = child(n, ['title', 'dc:title'], false) ?? child(n, ['title'], true) ?? child(n, ['itunes:title']);
  return {
    title: titleNode ? (markupOf(titleNode) ?? text(titleNode)) : undefined,
    link: firstString(linkOf(n), n.attrs['rdf:about']),
    guid: firstString(text(guidNode), n.attrs['rdf:about']),
    guidIsPermaLink: permalink === undefined ? undefined : permalink.toLowerCase() !== 'false',
    summary: markupOf(child(n, ['description', 'summary', 'dc:description', 'abstract'], true)),
    content: markupOf(child(n, ['content:encoded', 'content', 'body', 'fullitem', 'xhtml:body'], true)),
    published: firstString(
      text(child(n, ['pubdate', 'published', 'dc:date', 'issued', 'created', 'dcterms:issued', 'dcterms:created'], true)),
      text(child(n, ['updated', 'modified', 'dcterms:modified', 'date'], true)),
    ),
    updated: text(child(n, ['updated', 'modified', 'dcterms:modified'], true)),
    author: authorOf(n),
    base: n.attrs['xml:base'],
    lang: n.attrs['xml:lang'],
    ...(images.length > 0 ? { images } : {}),
  };
}

function formatOf(root: XNode | undefined): FeedFormat {
  const name = root ? localName(root.name) : '';
  if (name === 'feed') return 'atom';
  if (name === 'rdf') return 'rdf';
  return 'rss';
}

export function parseLenientXmlFeed(src: string): RawFeed | undefined {
  const doc = parseLenientXml(src);
  const items = findAll(doc, ITEM_NAMES);
  const feedNode = findAll(doc, new Set(['feed', 'channel', 'rss', 'rdf']))[0];
  if (!feedNode && items.length === 0) return undefined;
  const channel = feedNode && localName(feedNode.name) !== 'channel' ? (child(feedNode, ['channel'], true) ?? feedNode) : feedNode;
  return {
    format: formatOf(feedNode),
    title: channel ? text(child(channel, ['title', 'dc:title'], false)) : undefined,
    link: channel ? linkOf(channel) : undefined,
    base: feedNode?.attrs['xml:base'],
    language: channel ? firstString(text(child(channel, ['language', 'dc:language'], true)), feedNode?.attrs['xml:lang']) : undefined,
    items: items.map(itemOf),
  };
}

/** JSON.parse, or the longest prefix that parses once its open brackets are closed. */
export function parseJsonLenient(src: string): unknown {
  try {
    return JSON.parse(src);
  } catch {
    // repaired below
  }
  const cuts: { at: number; closers: string }[] = [];
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && stack.length > 0) cuts.push({ at: i, closers: stack.slice().reverse().join('') });
  }
  for (let k = cuts.length - 1; k >= 0 && k >= cuts.length - 8; k--) {
    try {
      return JSON.parse(src.slice(0, cuts[k]!.at) + cuts[k]!.closers);
    } catch {
      // try an earlier cut
    }
  }
  return undefined;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x === undefined ? [] : [x]);

export function parseLenientJsonFeed(src: string): RawFeed | undefined {
  const data = parseJsonLenient(src);
  if (!isObj(data)) return undefined;
  // RSS serialised as JSON ({"rss": {"channel": {"item": [...]}}}).
  const rss = isObj(data.rss) ? data.rss : undefined;
  if (rss && isObj(rss.channel)) {
    const ch = rss.channel;
    return {
      format: 'rss',
      title: str(ch.title),
      link: str(ch.link),
      language: str(ch.language),
      items: asArray(ch.item)
        .filter(isObj)
        .map((it) => ({
          title: str(it.title),
          link: str(it.link),
          guid: str(isObj(it.guid) ? ((it.guid as Obj)['#value'] ?? (it.guid as Obj).value) : it.guid),
          summary: str(it.description),
          content: str(it['content:encoded']),
          published: str(it.pubDate),
          author: str(it.author) ?? str(it['dc:creator']),
        })),
    };
  }
  if (!Array.isArray(data.items)) return undefined;
  const authorName = (a: unknown) => (isObj(a) ? str(a.name) : undefined);
  return {
    format: 'json',
    title: str(data.title),
    link: str(data.home_page_url),
    base: str(data.home_page_url) ?? str(data.feed_url),
    language: str(data.language),
    items: data.items.filter(isObj).map((it) => ({
      title: str(it.title),
      link: str(it.url) ?? str(it.external_url),
      guid: str(it.id),
      summary: str(it.summary),
      content: str(it.content_html) ?? str(it.content_text),
      contentIsText: !str(it.content_html) && !!str(it.content_text),
      published: str(it.date_published) ?? str(it.date_modified),
      updated: str(it.date_modified),
      author: authorName(it.author) ?? authorName(asArray(it.authors)[0]) ?? authorName(data.author) ?? authorName(asArray(data.authors)[0]),
      lang: str(it.language),
      ...((str(it.image) ?? str(it.banner_image))
        ? { images: [str(it.image), str(it.banner_image)].filter((u): u is string => !!u).map((url): ImageCandidate => ({ url, kind: 'json' })) }
        : {}),
    })),
  };
}
