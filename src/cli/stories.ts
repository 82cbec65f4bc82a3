// `raqib stories [--config FILE]`: JSON Lines {id, title, text, lang?, url?, published?} on stdin
// → one line {id, story, joined?} per input on stdout, in input order (the contract). Each
// article goes through the same decision ingest uses (topics matched by the configured pack,
// then StoryIndex.assign), with no age filter, over an in-memory store: the bot's store is never
// touched. `joined` lists the reasons when the article joined an earlier story. The lines are
// written when the input ends, each naming its story as it finally stands (stories can merge).
// A malformed line is reported on stderr as `line N: …`; the rest are processed and the exit
// code is 1.
import { createInterface } from 'node:readline';
import { detectLang } from '../feeds/lang.ts';
import { openStore } from '../store/open-store.ts';
import { StoryIndex } from '../stories/story-index.ts';
import type { Lang, StoredArticle } from '../core/types.ts';
import type { Matcher } from '../topics/index.ts';
import { flagValue, parseOrUsage, write, type CliIO } from './io.ts';
import { requireConfigContext } from './context.ts';

const USAGE = 'usage: raqib stories [--config FILE] < articles.jsonl';

interface Output {
  id: string | number;
  story: string;
  joined?: string[];
}

interface Input {
  id: string | number;
  title: string;
  text: string;
  lang?: string;
  url?: string;
  /** ms */
  published?: number;
}

const optionalString = (v: Record<string, unknown>, k: string) =>
  v[k] !== undefined && v[k] !== null && typeof v[k] !== 'string' ? `"${k}" must be a string` : undefined;

function validate(value: unknown): Input | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' && !(typeof v.id === 'number' && Number.isFinite(v.id))) return '"id" must be a string or a finite number';
  const bad = ['title', 'text', 'lang', 'url', 'published'].map((k) => optionalString(v, k)).find((x) => x);
  if (bad) return bad;
  if (v.title === undefined && v.text === undefined) return 'needs "title" or "text"';
  const out: Input = { id: v.id, title: (v.title as string | undefined) ?? '', text: (v.text as string | undefined) ?? '' };
  if (typeof v.published === 'string') {
    const ms = Date.parse(v.published);
    if (!Number.isFinite(ms)) return `"published" is not an ISO time: ${JSON.stringify(v.published).slice(0, 60)}`;
    out.published = ms;
  }
  if (typeof v.lang === 'string') out.lang = v.lang;
  if (typeof v.url === 'string') out.url = v.url;
  return out;
}

function storedOf(input: Input, matcher: Matcher, lineNo: number, nowMs: number): StoredArticle {
  const published = new Date(input.published ?? nowMs).toISOString();
  const lang: Lang = input.lang === 'ar' || input.lang === 'en' ? input.lang : detectLang(`${input.title}\n${input.text}`);
  // Ids from the input may repeat or collide with each other's story keys; the line number keeps them apart.
  const id = `${lineNo}:${String(input.id)}`;
  let feedId = 'stdin';
  try {
    if (input.url) feedId = new URL(input.url).hostname;
  } catch {
    // Not a URL: the source stays "stdin" (the url is only used to tell outlets apart).
    feedId = 'stdin';
  }
  const article = { id, feedId, url: input.url ?? '', title: input.title, summary: '', text: input.text, lang, published, fetchedAt: published };
  return { article, matches: matcher.match({ title: input.title, text: input.text }) };
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = await parseOrUsage(argv, io, { values: ['config'], usage: USAGE });
  if ('exit' in parsed) return parsed.exit;
  const ctx = await requireConfigContext(io, flagValue(parsed.args, 'config'));
  if (!ctx) return 2;
  const store = await openStore('sqlite://:memory:');
  try {
    const nowMs = Date.now();
    // No cache expiry by wall clock: every bucket this run writes is in the same process.
    const index = new StoryIndex(store, { now: () => nowMs });
    const keyOf = new Map<string, string>();
    let lineNo = 0;
    let failed = 0;
    const outputs: Output[] = [];
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (let line of rl) {
      lineNo++;
      if (lineNo === 1 && line.startsWith('\uFEFF')) line = line.slice(1);
      if (line.trim() === '') continue;
      const input = parseLine(line);
      if (typeof input === 'string') {
        failed++;
        await write(io.stderr, `line ${lineNo}: ${input}\n`);
        continue;
      }
      const r = await index.assign(storedOf(input, ctx.matcher, lineNo, nowMs), { publishedKnown: input.published !== undefined });
      // The story key is the id of the input that started it, as the caller knows it.
      if (!keyOf.has(r.storyId)) keyOf.set(r.storyId, String(input.id));
      const out: Output = { id: input.id, story: r.storyId };
      if (!r.isNew && r.joined) out.joined = r.joined;
      outputs.push(out);
    }
    // Written at the end: a later report can show two earlier stories to be one (they merge), and
    // each line then names the story as it finally stands, as a digest would group them.
    const canon = await index.resolve(new Set(outputs.map((o) => o.story)));
    for (const out of outputs) {
      const story = canon.get(out.story) ?? out.story;
      await write(io.stdout, `${JSON.stringify({ ...out, story: keyOf.get(story) ?? keyOf.get(out.story)! })}\n`);
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

function parseLine(line: string): Input | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  return validate(value);
}
