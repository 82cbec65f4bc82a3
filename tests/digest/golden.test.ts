// Golden outputs per renderer, in English and Arabic, from a real SQLite store. Regenerate after
// an intended change with UPDATE_GOLDEN=1 and review the diff like code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import { buildDigest, renderJson, renderSlack, renderTelegram, renderText, type Digest } from '../../src/digest/index.ts';
import { tempDir } from '../helpers/stores.ts';
import { HOUR, UNTIL, arabicArticles, englishArticles } from './fixtures/samples.ts';
import { slackProblems, telegramProblems } from './helpers/platform-checks.ts';

const GOLDEN = join(process.cwd(), 'tests/digest/golden');
const update = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (update || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    if (!update) throw new Error(`golden ${name} was missing and has been written: review it and re-run`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

let store: Store;
let articles: ArticleStore;
let dir: { dir: string; remove(): void };

beforeAll(async () => {
  dir = tempDir();
  store = await openStore(`sqlite://${join(dir.dir, 'golden.sqlite')}`);
  articles = new ArticleStore(store);
  for (const s of [...englishArticles(), ...arabicArticles()]) await articles.put(s);
});
afterAll(async () => {
  await store.close();
  dir.remove();
});

const cases: { name: string; lang: 'en' | 'ar'; topics: string[]; names: Record<string, string>; maxStories: number }[] = [
  {
    name: 'en',
    lang: 'en',
    topics: ['militia-threats', 'withdrawal'],
    names: { 'militia-threats': 'Militia threats', withdrawal: 'Withdrawal' },
    maxStories: 3,
  },
  { name: 'ar', lang: 'ar', topics: ['iraq'], names: { iraq: 'العراق' }, maxStories: 10 },
];

describe.each(cases)('golden digest ($name)', (c) => {
  let d: Digest;
  beforeAll(async () => {
    const langOf = c.lang;
    d = await buildDigest({
      topics: c.topics,
      topicDefs: c.topics.map((id) => ({ id, name: c.names[id], query: id })),
      sinceMs: UNTIL - 24 * HOUR,
      untilMs: UNTIL,
      maxStories: c.maxStories,
      articles,
      lang: langOf,
    });
  });

  it('renders text', () => golden(`${c.name}.txt`, renderText(d)));
  it('renders Telegram HTML', () => {
    const msgs = renderTelegram(d);
    for (const m of msgs) expect(telegramProblems(m)).toEqual([]);
    golden(`${c.name}.telegram.html`, msgs.join('\n\n<!-- next message -->\n\n'));
  });
  it('renders Slack Block Kit', () => {
    const msgs = renderSlack(d);
    for (const m of msgs) expect(slackProblems(m)).toEqual([]);
    golden(`${c.name}.slack.json`, `${JSON.stringify(msgs, null, 2)}\n`);
  });
  it('renders JSON', () => golden(`${c.name}.json`, renderJson(d)));
});

describe('golden "nothing new"', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`says so in ${lang} on every platform`, async () => {
      const d = await buildDigest({ topics: ['iraq'], sinceMs: UNTIL - 30 * 24 * HOUR, untilMs: UNTIL - 29 * 24 * HOUR, articles, lang });
      expect(d.empty).toBe(true);
      const tg = renderTelegram(d);
      const sl = renderSlack(d);
      for (const m of tg) expect(telegramProblems(m)).toEqual([]);
      for (const m of sl) expect(slackProblems(m)).toEqual([]);
      golden(`nothing-new.${lang}.txt`, [renderText(d), tg.join('\n'), JSON.stringify(sl), renderJson(d)].join('\n---\n'));
    });
  }
});
