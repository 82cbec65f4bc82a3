// JSON for scripts: the digest's data with ISO times; text is cleaned (no bidi overrides or
// control characters) but neither escaped nor isolated: consumers escape for their own medium.
import type { Digest } from './types.ts';

export interface DigestJson {
  topics: { id: string; name: string }[];
  since: string;
  until: string;
  empty: boolean;
  totals: Digest['totals'];
  more: number;
  stories: {
    id: string;
    rank: number;
    score: number;
    matchScore: number;
    topics: string[];
    terms: string[];
    lang: string;
    title: string;
    titleHighlights: [number, number][];
    summary: string;
    summaryHighlights: [number, number][];
    url: string | null;
    source: string;
    firstSeen: string;
    latest: string;
    articles: number;
    sourceCount: number;
    languages: string[];
    sources: { name: string; url: string | null }[];
  }[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function digestToJson(d: Digest): DigestJson {
  return {
    topics: d.topics,
    since: iso(d.sinceMs),
    until: iso(d.untilMs),
    empty: d.empty,
    totals: d.totals,
    more: d.more,
    stories: d.stories.map((s) => ({
      id: s.storyId,
      rank: s.rank,
      score: s.score,
      matchScore: s.matchScore,
      topics: s.topics,
      terms: s.terms,
      lang: s.lang,
      title: s.headline.text,
      titleHighlights: s.headline.marks,
      summary: s.summary.text,
      summaryHighlights: s.summary.marks,
      url: s.url ?? null,
      source: s.source,
      firstSeen: iso(s.firstSeenMs),
      latest: iso(s.latestMs),
      articles: s.articleCount,
      sourceCount: s.sourceCount,
      languages: s.languages,
      sources: s.sources.map((x) => ({ name: x.name, url: x.url ?? null })),
    })),
  };
}

/** Pretty-printed JSON text (with a final newline), as `raqib digest --format json` prints it. */
export function renderJson(d: Digest): string {
  return `${JSON.stringify(digestToJson(d), null, 2)}\n`;
}
