// Bytes or text → RawFeed. feedsmith first (fast, strict, well kept); the lenient reader when
// feedsmith throws or finds no items in a document that has some. Every failure is a typed
// result with a reason a person can act on; nothing here throws.
import { decodeBytes, type Decoded } from './charset.ts';
import { parseWithFeedsmith } from './feedsmith-adapter.ts';
import { parseLenientJsonFeed, parseLenientXmlFeed } from './lenient-feed.ts';
import type { RawFeed } from './raw-feed.ts';
import { prepareXml } from './xml-prep.ts';

export type ParserName = 'feedsmith' | 'lenient';

export type ParseResult =
  | { ok: true; feed: RawFeed; parser: ParserName; charset?: Omit<Decoded, 'text'>; warnings: string[] }
  | { ok: false; error: string; charset?: Omit<Decoded, 'text'> };

function reasonFor(text: string, feedsmithError: string | undefined): string {
  const t = text.replace(/<!--[\s\S]*?(-->|$)|<\?[\s\S]*?(\?>|$)/g, '').trim();
  if (t === '') return 'empty document';
  if (t[0] === '{' || t[0] === '[') return 'JSON, but not a JSON Feed (no "items" array)';
  if (t[0] !== '<') return 'not XML or JSON';
  const root = t
    .replace(/^<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i, '')
    .trim()
    .match(/^<([A-Za-z_][\w.:-]*)/)?.[1];
  if (/^<!doctype html/i.test(t) || /^(html|head|body)$/i.test(root ?? '')) return 'an HTML page, not a feed';
  if (root) return `not a feed: the root element is <${root}>, not <rss>, <feed> or <rdf:RDF>`;
  return `not an RSS, Atom, RDF or JSON feed${feedsmithError ? ` (${feedsmithError})` : ''}`;
}

/** Parses decoded text. */
export function parseFeedText(text: string): ParseResult {
  const warnings: string[] = [];
  let fs: RawFeed | undefined;
  let fsError: string | undefined;
  try {
    const trimmed = text.trimStart();
    const json = trimmed.startsWith('{') || trimmed.startsWith('[');
    const src = json ? trimmed : prepareXml(text);
    const body = typeof src === 'string' ? src : src.text;
    if (typeof src !== 'string' && src.declaredEntities.length > 0) {
      warnings.push(`DOCTYPE declared ${src.declaredEntities.length} entities: not expanded, references dropped`);
    }
    try {
      fs = parseWithFeedsmith(body);
    } catch (e) {
      fsError = (e as Error).message;
    }
    if (fs && fs.items.length > 0) return { ok: true, feed: fs, parser: 'feedsmith', warnings };
    const lenient = json ? parseLenientJsonFeed(body) : parseLenientXmlFeed(body);
    if (lenient && (!fs || lenient.items.length > fs.items.length)) {
      if (fsError) warnings.push(`strict parser failed (${fsError}); read leniently`);
      return { ok: true, feed: lenient, parser: 'lenient', warnings };
    }
    if (fs) return { ok: true, feed: fs, parser: 'feedsmith', warnings };
    return { ok: false, error: reasonFor(text, fsError) };
  } catch (e) {
    // Pathological input (e.g. nesting deep enough to exhaust the stack) must not crash a poll.
    return { ok: false, error: `unreadable document (${(e as Error).message})` };
  }
}

/** Decodes bytes (HTTP charset, BOM, XML declaration, …) and parses. */
export function parseFeedBytes(bytes: Uint8Array, contentType?: string): ParseResult {
  const decoded = decodeBytes(bytes, contentType);
  const { text, ...charset } = decoded;
  const r = parseFeedText(text);
  if (charset.unknownLabels.length > 0 && r.ok) r.warnings.push(`unknown charset ${charset.unknownLabels.map((l) => `"${l}"`).join(', ')} ignored`);
  return { ...r, charset };
}
