// RawFeed → Articles plus the keys that make "never twice" hold: the canonical URL (shared across
// feeds, so one story syndicated in two feeds is stored once) and the guid (scoped to its feed,
// since guids like "1" or "post-42" are only unique within one feed).
import type { Article } from '../core/types.ts';
import { canonicalUrl, resolveUrl } from './canonical-url.ts';
import { parseFeedDate } from './dates.ts';
import { shortHash } from './hash.ts';
import { cleanPlain, htmlToText } from './html-text.ts';
import { pickImage } from './image.ts';
import { detectLang } from './lang.ts';
import type { RawFeed, RawItem } from './raw-feed.ts';

export const MAX_SUMMARY = 600;
export const MAX_TEXT = 100_000;
// Some feeds put a whole paragraph in <title>; chats need a headline.
export const MAX_TITLE = 300;

export interface NormalisedItem {
  article: Article;
  /** Canonical URL, when the item has an http(s) link. */
  canonicalUrl?: string;
  /** Keys for ArticleStore.seenAs / markSeen. */
  dedupeKeys: string[];
  /** The feed gave no usable date: `published` is the fetch time. */
  dateMissing: boolean;
  /** The title was empty and was made from the text. */
  titleFromText: boolean;
}

export interface NormaliseContext {
  feedId: string;
  /** Where the feed came from (final URL after redirects); the base for relative links. */
  feedUrl: string;
  fetchedAt: number;
}

const isHttp = (u: string | undefined) => !!u && /^https?:/i.test(u);

/** Cuts at a word boundary and marks the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max * 0.6 ? cut.slice(0, sp) : cut).trimEnd()}…`;
}

function baseFor(raw: RawFeed, item: RawItem, feedUrl: string): string | undefined {
  // xml:base may itself be relative; a file:// feed location is no base for web links, the
  // channel's own link is.
  const feedBase = raw.base ? resolveUrl(raw.base, isHttp(feedUrl) ? feedUrl : undefined) : undefined;
  const root = isHttp(feedBase) ? feedBase : isHttp(feedUrl) ? feedUrl : raw.link && isHttp(raw.link) ? raw.link : undefined;
  return item.base ? (resolveUrl(item.base, root) ?? root) : root;
}

export function normaliseFeed(raw: RawFeed, ctx: NormaliseContext): NormalisedItem[] {
  const fetchedIso = new Date(ctx.fetchedAt).toISOString();
  const firstPass = raw.items.map((item) => {
    const base = baseFor(raw, item, ctx.feedUrl);
    const guid = item.guid?.trim() || undefined;
    const guidLink = guid && item.guidIsPermaLink !== false && /^https?:\/\//i.test(guid) ? guid : undefined;
    const link = item.link?.trim() || guidLink;
    const canonical = link ? canonicalUrl(link, base) : undefined;
    return { item, guid, canonical };
  });
  // A URL shared by several items that have distinct guids identifies none of them (e.g. a
  // glossary feed whose entries all link to one page with different #fragments): use the guid.
  const urlCount = new Map<string, number>();
  for (const x of firstPass) if (x.canonical) urlCount.set(x.canonical, (urlCount.get(x.canonical) ?? 0) + 1);

  return firstPass.map(({ item, guid, canonical }) => {
    const sharedUrl = !!canonical && (urlCount.get(canonical) ?? 0) > 1 && !!guid;
    const contentText = item.content
      ? item.contentIsText
        ? cleanPlain(item.content, { keepLines: true })
        : htmlToText(item.content, { keepLines: true })
      : '';
    const summaryText = item.summary ? htmlToText(item.summary) : '';
    let title = item.title ? truncate(htmlToText(item.title), MAX_TITLE) : '';
    const titleFromText = title === '';
    if (titleFromText) title = truncate((summaryText || contentText).replace(/\s+/g, ' '), 120);
    const text = truncate(contentText.length > summaryText.length ? contentText : summaryText, MAX_TEXT);
    const summary = truncate(summaryText || contentText.replace(/\s+/g, ' '), MAX_SUMMARY);
    const parsedDate = parseFeedDate(item.published) ?? parseFeedDate(item.updated);
    // A future date (bad clock or zone) would pin an item to the top of every digest.
    const published = parsedDate === undefined ? ctx.fetchedAt : Math.min(parsedDate, ctx.fetchedAt);
    const identity = canonical && !sharedUrl ? canonical : guid ? `${ctx.feedId}\n${guid}` : `${ctx.feedId}\n${title}\n${summary}`;
    const dedupeKeys: string[] = [];
    if (canonical && !sharedUrl) dedupeKeys.push(`u:${canonical}`);
    if (guid) dedupeKeys.push(`g:${ctx.feedId}:${guid}`);
    if (dedupeKeys.length === 0) dedupeKeys.push(`t:${ctx.feedId}:${shortHash(`${title}\n${summary}`)}`);
    const author = item.author ? cleanPlain(item.author) : '';
    const image = item.images ? pickImage(item.images, baseFor(raw, item, ctx.feedUrl)) : undefined;
    const article: Article = {
      id: shortHash(identity),
      feedId: ctx.feedId,
      url: canonical ?? '',
      title,
      summary,
      text,
      lang: detectLang(`${title}\n${text}`, item.lang ?? raw.language),
      published: new Date(published).toISOString(),
      fetchedAt: fetchedIso,
      ...(author ? { author } : {}),
      ...(guid ? { guid } : {}),
      ...(image ? { image } : {}),
    };
    return { article, canonicalUrl: canonical, dedupeKeys, dateMissing: parsedDate === undefined, titleFromText };
  });
}
