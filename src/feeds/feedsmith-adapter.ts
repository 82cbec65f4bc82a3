// feedsmith's four result shapes → RawFeed. feedsmith has already decoded one level of XML
// entities and returns markup as strings; dates stay raw strings (we parse them ourselves).
import { parseFeed as feedsmithParse, type AnyFeed } from 'feedsmith';
import { mediaCandidates, type ImageCandidate } from './image.ts';
import { firstString, type RawFeed, type RawItem } from './raw-feed.ts';

type Link = { href?: string; rel?: string; type?: string };
type Person = { name?: string; email?: string };
type TextLike = { value?: string } | string | undefined;

const textValue = (t: TextLike) => (typeof t === 'string' ? t : t?.value);

/** The link a reader follows: rel=alternate (or no rel) preferring HTML, else the first link. */
function pickLink(links: Link[] | undefined): string | undefined {
  if (!links || links.length === 0) return undefined;
  const alt = links.filter((l) => l.href && (!l.rel || l.rel === 'alternate'));
  return (alt.find((l) => !l.type || /html/i.test(l.type)) ?? alt[0])?.href;
}

type Enclosure = { url?: string; type?: string };

/** media:*, image enclosures and Atom rel="enclosure" links of one item. */
function imagesOf(media: unknown, enclosures: Enclosure[] | undefined, links: Link[] | undefined): ImageCandidate[] | undefined {
  const out = mediaCandidates(media as Parameters<typeof mediaCandidates>[0]);
  // An enclosure without a type is a podcast's audio as often as a picture: image/* or an image name.
  for (const e of enclosures ?? []) if (e.url) out.push({ url: e.url, kind: 'enclosure', type: e.type ?? '' });
  for (const l of links ?? []) if (l.href && l.rel === 'enclosure') out.push({ url: l.href, kind: 'enclosure', type: l.type ?? '' });
  return out.length > 0 ? out : undefined;
}

function jsonImages(...urls: unknown[]): ImageCandidate[] | undefined {
  const out = urls.filter((u): u is string => typeof u === 'string' && u.trim() !== '').map((url): ImageCandidate => ({ url, kind: 'json' }));
  return out.length > 0 ? out : undefined;
}

const personName = (ps: Person[] | undefined) => {
  const p = ps?.find((x) => x.name || x.email);
  return p ? (p.name ?? p.email) : undefined;
};

type FeedOf<F extends AnyFeed['format']> = Extract<AnyFeed, { format: F }>['feed'];

export function parseWithFeedsmith(text: string): RawFeed {
  const parsed: AnyFeed = feedsmithParse(text);
  switch (parsed.format) {
    case 'rss':
    case 'rdf':
      return fromRss(parsed.feed, parsed.format);
    case 'atom':
      return fromAtom(parsed.feed);
    case 'json':
      return fromJson(parsed.feed);
  }
}

/** RSS 0.9x/2.0 and RDF (RSS 1.0), with the dc, atom, content, dcterms and itunes extensions. */
function fromRss(feed: FeedOf<'rss'> | FeedOf<'rdf'>, format: 'rss' | 'rdf'): RawFeed {
  const f = feed as Record<string, unknown> & { items?: Record<string, unknown>[] };
  const dc = f.dc as { languages?: string[] } | undefined;
  const feedAtom = f.atom as { links?: Link[] } | undefined;
  const items: RawItem[] = (f.items ?? []).map((it) => {
    const guid = it.guid as { value?: string; isPermaLink?: boolean } | undefined;
    const idc = it.dc as { creators?: string[]; dates?: string[]; titles?: string[]; descriptions?: string[] } | undefined;
    const atom = it.atom as { links?: Link[]; published?: string; updated?: string } | undefined;
    const content = it.content as { encoded?: string } | undefined;
    const dcterms = it.dcterms as { modified?: string; issued?: string; created?: string } | undefined;
    const itunes = it.itunes as { author?: string; summary?: string; title?: string } | undefined;
    const rdfAbout = (it.rdf as { about?: string } | undefined)?.about;
    return {
      title: firstString(it.title, idc?.titles?.[0], itunes?.title),
      link: firstString(it.link, pickLink(atom?.links), rdfAbout),
      guid: firstString(guid?.value, rdfAbout),
      guidIsPermaLink: guid?.isPermaLink,
      summary: firstString(it.description, idc?.descriptions?.[0], itunes?.summary),
      content: firstString(content?.encoded),
      published: firstString(it.pubDate, idc?.dates?.[0], dcterms?.issued, dcterms?.created, atom?.published, atom?.updated),
      updated: firstString(dcterms?.modified, atom?.updated),
      author: firstString(personName(it.authors as Person[] | undefined), idc?.creators?.[0], itunes?.author),
      base: (it.xml as { base?: string } | undefined)?.base,
      lang: (it.xml as { lang?: string } | undefined)?.lang,
      images: imagesOf(it.media, it.enclosures as Enclosure[] | undefined, atom?.links),
    };
  });
  return {
    format,
    title: firstString(f.title),
    link: firstString(f.link, pickLink(feedAtom?.links)),
    base: (f.xml as { base?: string } | undefined)?.base,
    language: firstString(f.language, dc?.languages?.[0], (f.xml as { lang?: string } | undefined)?.lang),
    items,
  };
}

function fromAtom(feed: FeedOf<'atom'>): RawFeed {
  const f = feed;
  const feedBase = f.xml?.base;
  const items: RawItem[] = (f.entries ?? []).map((e) => ({
    title: textValue(e.title as TextLike),
    link: pickLink(e.links as Link[] | undefined),
    guid: firstString(e.id),
    summary: textValue(e.summary),
    content: e.content?.src && !e.content.value ? undefined : e.content?.value,
    published: firstString(e.published as string | undefined, e.dc?.dates?.[0] as string | undefined, e.updated as string | undefined),
    updated: firstString(e.updated as string | undefined),
    author: firstString(personName(e.authors as Person[] | undefined), e.dc?.creators?.[0], personName(f.authors as Person[] | undefined)),
    base: e.xml?.base,
    lang: e.xml?.lang,
    images: imagesOf((e as { media?: unknown }).media, undefined, e.links as Link[] | undefined),
  }));
  return {
    format: 'atom',
    title: textValue(f.title as TextLike),
    link: pickLink(f.links as Link[] | undefined),
    base: feedBase,
    language: f.xml?.lang,
    items,
  };
}

function fromJson(feed: FeedOf<'json'>): RawFeed {
  const f = feed;
  const items: RawItem[] = (f.items ?? []).map((it) => ({
    title: it.title,
    link: firstString(it.url, it.external_url),
    guid: it.id !== undefined && it.id !== null ? String(it.id) : undefined,
    summary: it.summary,
    content: firstString(it.content_html, it.content_text),
    contentIsText: !it.content_html && !!it.content_text,
    published: firstString(it.date_published as string | undefined, it.date_modified as string | undefined),
    updated: it.date_modified as string | undefined,
    author: personName((it.authors ?? f.authors) as Person[] | undefined),
    lang: it.language,
    images: jsonImages(it.image, it.banner_image),
  }));
  return { format: 'json', title: f.title, link: firstString(f.home_page_url), base: firstString(f.home_page_url, f.feed_url), language: f.language, items };
}
