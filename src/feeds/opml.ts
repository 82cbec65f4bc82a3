// OPML 2.0 in and out. Export keeps each feed's raqib settings in attributes of raqib's own
// namespace, so that export → import gives the same feeds and settings; other readers ignore
// them. Import reads the whole file strictly or not at all (limits first, then well-formedness),
// and returns entries for the caller to check and store; an entry whose own attributes are bad is
// refused on its own with the reason, which never half-applies the file.
import { formatDuration, parseDuration } from '../core/duration.ts';
import { decodeBytes } from './charset.ts';
import { parseStrictXml, type XmlElement } from './strict-xml.ts';

export const RAQIB_OPML_NS = 'https://raqib.invalid/opml';

/** Stated limits: a larger file or more feeds is refused as a whole, with the limit in the message. */
export const OPML_LIMITS = { maxBytes: 1024 * 1024, maxEntries: 1_000 } as const;

export interface OpmlFeed {
  url: string;
  name?: string;
  intervalMs?: number;
  fullText?: boolean;
  maxAgeMs?: number;
}

export interface OpmlEntry {
  /** The feed as the file gives it (URL not yet checked or canonicalised). */
  feed: OpmlFeed;
  /** Line of its <outline>. */
  line: number;
  /** Set when the entry's own attributes are unusable; the entry is then refused. */
  problem?: string;
}

export type OpmlRead = { ok: true; title?: string; entries: OpmlEntry[] } | { ok: false; error: string };

export interface OpmlLimits {
  maxBytes: number;
  maxEntries: number;
}

const kb = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / 1048576) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`);

export function readOpml(input: Uint8Array | string, limits: OpmlLimits = OPML_LIMITS): OpmlRead {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > limits.maxBytes) return { ok: false, error: `the file is ${kb(size)}; OPML imports are limited to ${kb(limits.maxBytes)}` };
  const text = typeof input === 'string' ? input : decodeBytes(input).text;
  const xml = parseStrictXml(text);
  if (!xml.ok) return { ok: false, error: `not well-formed XML, nothing imported: ${xml.error}` };
  const root = xml.root;
  if (root.name !== 'opml') return { ok: false, error: `not OPML: the root element is <${root.name}>, not <opml>` };
  const body = root.children.find((c) => c.name === 'body');
  if (!body) return { ok: false, error: 'not OPML: there is no <body>' };
  const entries: OpmlEntry[] = [];
  const count = countFeeds(body);
  if (count > limits.maxEntries) return { ok: false, error: `the file lists ${count} feeds; one import takes at most ${limits.maxEntries}` };
  collect(body, prefixesFor(new Set(), root), entries);
  const title = root.children.find((c) => c.name === 'head')?.children.find((c) => c.name === 'title');
  return { ok: true, ...(title ? { title: title.text.trim() } : {}), entries };
}

function countFeeds(el: XmlElement): number {
  let n = 0;
  for (const c of el.children) if (c.name === 'outline') n += (c.attrs.has('xmlUrl') ? 1 : 0) + countFeeds(c);
  return n;
}

/** Prefixes bound to raqib's namespace in scope at `el`. */
function prefixesFor(inherited: ReadonlySet<string>, el: XmlElement): Set<string> {
  const out = new Set(inherited);
  for (const [k, v] of el.attrs) {
    if (!k.startsWith('xmlns:')) continue;
    if (v === RAQIB_OPML_NS) out.add(k.slice(6));
    else out.delete(k.slice(6));
  }
  return out;
}

function collect(parent: XmlElement, ns: ReadonlySet<string>, out: OpmlEntry[]): void {
  for (const el of parent.children) {
    if (el.name !== 'outline') continue;
    const scope = prefixesFor(ns, el);
    if (el.attrs.has('xmlUrl')) out.push(entryOf(el, scope));
    collect(el, scope, out);
  }
}

function entryOf(el: XmlElement, ns: ReadonlySet<string>): OpmlEntry {
  const url = (el.attrs.get('xmlUrl') ?? '').trim();
  const own = (name: string) => {
    for (const p of ns) if (el.attrs.has(`${p}:${name}`)) return el.attrs.get(`${p}:${name}`);
    return undefined;
  };
  const problems: string[] = [];
  const feed: OpmlFeed = { url };
  const name = ns.size > 0 && hasOwn(el, ns) ? own('name') : [el.attrs.get('title'), el.attrs.get('text')].find((t) => t && t.trim() && t.trim() !== url);
  if (name?.trim()) feed.name = name.trim();
  const duration = (attr: 'interval' | 'maxAge') => {
    const v = own(attr);
    if (v === undefined) return undefined;
    const ms = parseDuration(v);
    if (ms === undefined) problems.push(`raqib:${attr}="${v.slice(0, 20)}" is not a duration such as 5m or 3d`);
    return ms;
  };
  const intervalMs = duration('interval');
  const maxAgeMs = duration('maxAge');
  if (intervalMs !== undefined) feed.intervalMs = intervalMs;
  if (maxAgeMs !== undefined) feed.maxAgeMs = maxAgeMs;
  const fullText = own('fullText');
  if (fullText === 'true' || fullText === 'false') feed.fullText = fullText === 'true';
  else if (fullText !== undefined) problems.push(`raqib:fullText="${fullText.slice(0, 20)}" is not true or false`);
  if (url === '') problems.push('empty xmlUrl');
  return { feed, line: el.line, ...(problems.length > 0 ? { problem: problems.join('; ') } : {}) };
}

/** True when the outline carries any raqib attribute (then raqib:name alone decides the name). */
function hasOwn(el: XmlElement, ns: ReadonlySet<string>): boolean {
  return [...el.attrs.keys()].some((k) => [...ns].some((p) => k.startsWith(`${p}:`)));
}

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');

/** OPML 2.0 with raqib's settings as raqib:* attributes. */
export function writeOpml(feeds: readonly OpmlFeed[], opts: { title?: string; now?: Date } = {}): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<opml version="2.0" xmlns:raqib="${RAQIB_OPML_NS}">`,
    '  <head>',
    `    <title>${esc(opts.title ?? 'raqib feeds')}</title>`,
    `    <dateCreated>${(opts.now ?? new Date()).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  for (const f of feeds) {
    const attrs: [string, string][] = [
      ['type', 'rss'],
      ['text', f.name ?? f.url],
      ['xmlUrl', f.url],
    ];
    if (f.name) attrs.push(['title', f.name], ['raqib:name', f.name]);
    if (f.intervalMs !== undefined) attrs.push(['raqib:interval', formatDuration(f.intervalMs)]);
    if (f.fullText !== undefined) attrs.push(['raqib:fullText', String(f.fullText)]);
    if (f.maxAgeMs !== undefined) attrs.push(['raqib:maxAge', formatDuration(f.maxAgeMs)]);
    lines.push(`    <outline ${attrs.map(([k, v]) => `${k}="${esc(v)}"`).join(' ')}/>`);
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
