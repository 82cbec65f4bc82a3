// The article's picture. Feeds name images in several ways (media:content, media:thumbnail,
// media:group, an image enclosure, Atom rel="enclosure" links, JSON Feed image/banner_image) and
// pages in og:image / twitter:image. Each reader turns what it found into candidates; one choice
// rule picks the best, and only http(s) URLs are ever kept (no data:, javascript: or file: into
// a chat message).

export interface ImageCandidate {
  url: string;
  /** Where it came from; earlier kinds win (a full-size media:content over a thumbnail). */
  kind: 'content' | 'enclosure' | 'json' | 'thumbnail';
  /** MIME type, when given. */
  type?: string;
  /** media:content's medium attribute ("image", "video", …), when given. */
  medium?: string;
  width?: number;
}

const RANK: Record<ImageCandidate['kind'], number> = { content: 0, enclosure: 1, json: 2, thumbnail: 3 };
const IMAGE_EXT = /\.(jpe?g|png|gif|webp|avif)(\?|$)/i;
export const MAX_IMAGE_URL = 2_000;

/** An http(s) image address resolved against the item's base; undefined for anything else. */
export function safeImageUrl(raw: string | undefined, base?: string): string | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  let u: URL;
  try {
    u = base ? new URL(s, base) : new URL(s);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.username || u.password) return undefined;
  const href = u.toString();
  return href.length <= MAX_IMAGE_URL ? href : undefined;
}

function isImage(c: ImageCandidate): boolean {
  if (c.medium) return c.medium.toLowerCase() === 'image';
  if (c.type) return c.type.toLowerCase().startsWith('image/');
  // Thumbnails and JSON Feed images are images by definition; an untyped media:content is one
  // when its address says so.
  return c.kind === 'thumbnail' || c.kind === 'json' || IMAGE_EXT.test(c.url);
}

/** The best usable image: by kind, then the widest; undefined when none is a safe image URL. */
export function pickImage(candidates: readonly ImageCandidate[], base?: string): string | undefined {
  const usable = candidates
    .filter(isImage)
    .map((c) => ({ c, url: safeImageUrl(c.url, base) }))
    .filter((x): x is { c: ImageCandidate; url: string } => x.url !== undefined);
  usable.sort((a, b) => RANK[a.c.kind] - RANK[b.c.kind] || (b.c.width ?? 0) - (a.c.width ?? 0));
  return usable[0]?.url;
}

type MediaContent = { url?: string; type?: string; medium?: string; width?: number | string };
type Media = { contents?: MediaContent[]; thumbnails?: { url?: string; width?: number | string }[]; groups?: Media[] };

/** Candidates from feedsmith's media namespace object (item.media), groups included. */
export function mediaCandidates(media: Media | undefined, depth = 0): ImageCandidate[] {
  if (!media || depth > 2) return [];
  const width = (w: number | string | undefined) => (w === undefined ? undefined : Number(w) || undefined);
  const out: ImageCandidate[] = [];
  for (const c of media.contents ?? []) {
    if (c.url)
      out.push({
        url: c.url,
        kind: 'content',
        ...(c.type ? { type: c.type } : {}),
        ...(c.medium ? { medium: c.medium } : {}),
        ...(width(c.width) ? { width: width(c.width)! } : {}),
      });
  }
  for (const t of media.thumbnails ?? []) if (t.url) out.push({ url: t.url, kind: 'thumbnail', ...(width(t.width) ? { width: width(t.width)! } : {}) });
  for (const g of media.groups ?? []) out.push(...mediaCandidates(g, depth + 1));
  return out;
}

/** og:image (or twitter:image) of an HTML document, resolved against the page. */
export function pageImage(document: { querySelector(s: string): { getAttribute(n: string): string | null } | null }, pageUrl: string): string | undefined {
  for (const sel of [
    'meta[property="og:image:secure_url"]',
    'meta[property="og:image"]',
    'meta[name="og:image"]',
    'meta[name="twitter:image"]',
    'meta[property="twitter:image"]',
  ]) {
    const url = safeImageUrl(document.querySelector(sel)?.getAttribute('content') ?? undefined, pageUrl);
    if (url) return url;
  }
  return undefined;
}
