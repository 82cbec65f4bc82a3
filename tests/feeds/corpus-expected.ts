// Reads the corpus manifest and the upstream parsers' expected outputs (../shared/fixtures/feeds)
// and reduces each expected file to what every parser agrees to mean: the item count and titles.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FEEDS_DIR = resolve(process.cwd(), '../shared/fixtures/feeds');
export const corpusPresent = existsSync(join(FEEDS_DIR, 'manifest.jsonl'));

export interface ManifestRow {
  file: string;
  format: string;
  well_formed: boolean;
  category: string;
  observed: { size: number; items?: number; feed_title?: string; declared_encoding?: string };
  expected_file?: { file: string };
  expected?: { Header?: string };
}

export function readManifest(): ManifestRow[] {
  return readFileSync(join(FEEDS_DIR, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ManifestRow);
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Titles of the expected items (null for an item without a title), or undefined if the format is unknown. */
export function expectedTitles(row: ManifestRow): (string | null)[] | undefined {
  if (!row.expected_file) return undefined;
  const data = JSON.parse(readFileSync(join(FEEDS_DIR, row.expected_file.file), 'utf8')) as unknown;
  const source = row.expected_file.file.split('/')[1];
  const title = (t: unknown): string | null => {
    if (typeof t === 'string') return t;
    if (isObj(t) && typeof t.content === 'string') return t.content; // feed-rs Text
    if (isObj(t) && typeof t.value === 'string') return t.value; // feedsmith Atom Text
    if (Array.isArray(t) && typeof t[0] === 'string') return t[0]; // xml2js arrays
    if (Array.isArray(t) && isObj(t[0]) && typeof t[0]._ === 'string') return t[0]._ as string;
    return null;
  };
  let items: unknown;
  if (!isObj(data)) return undefined;
  if (source === 'sample-feeds') items = isObj(data.feed) ? data.feed.items : undefined;
  else if (source === 'rss-parser') items = isObj(data.feed) ? data.feed.items : undefined;
  else if (source === 'feed-rs') items = data.entries;
  else items = data.items ?? data.entries;
  if (!Array.isArray(items)) return items === undefined ? [] : undefined;
  return items.map((it) => (isObj(it) ? title(it.title) : null));
}
