// `raqib digest` (contract): from a real SQLite store and config file, in every format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.ts';
import { UNTIL, arabicArticles, englishArticles } from './fixtures/samples.ts';
import { slackProblems, telegramProblems } from './helpers/platform-checks.ts';
import { openCliStore, type CliStore } from './helpers/cli-store.ts';

let dir: CliStore['dir'];
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ dir, env } = await openCliStore({
    topics: [
      '{ id: iraq, name: Iraq, query: "Iraq OR العراق" }',
      '{ id: militia-threats, name: Militia threats, query: "Kataib OR تهدد" }',
      '{ id: withdrawal, query: "withdrawal OR انسحاب" }',
    ],
    articles: [...englishArticles(), ...arabicArticles()],
    datedAt: UNTIL,
    assignStories: true,
  }));
});
afterAll(() => dir.remove());

describe('raqib digest', () => {
  it('prints the text digest: one entry per story, with its sources', async () => {
    const r = await runCli(['digest', 'militia-threats', '--since', '24h'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^raqib · Militia threats\n\d+ stories from \d+ articles · last 24h\n/);
    // The three English outlets and the two Arabic ones that report the same threat the same day
    // (their leads agree on who and what: a stand-in for the wording scripts cannot share).
    expect(r.stdout).toContain('5 sources · ar, en');
    // One entry for the five outlets (highlight markers aside).
    expect(r.stdout.replace(/\*/g, '').match(/Kataib Hezbollah threatens to resume attacks/g)).toHaveLength(1);
  });

  it('prints JSON, Telegram HTML and Slack payloads that respect their platform rules', async () => {
    const json = await runCli(['digest', 'iraq', '--format', 'json', '--max', '2'], { env });
    expect(json.code).toBe(0);
    const d = JSON.parse(json.stdout);
    expect(d.stories).toHaveLength(2);
    expect(d.more).toBeGreaterThan(0);
    expect(d.topics).toEqual([{ id: 'iraq', name: 'Iraq' }]);

    const tg = await runCli(['digest', 'iraq', '--format=telegram'], { env });
    expect(tg.code).toBe(0);
    const messages = tg.stdout.trimEnd().split('\n\n-- next message --\n\n');
    for (const m of messages) expect(telegramProblems(m)).toEqual([]);

    const sl = await runCli(['digest', 'iraq', '--format', 'slack'], { env });
    expect(sl.code).toBe(0);
    for (const m of JSON.parse(sl.stdout)) expect(slackProblems(m)).toEqual([]);
  });

  it('says "nothing new" for an empty window and succeeds', async () => {
    const r = await runCli(['digest', 'withdrawal', '--since', '1m'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Nothing new for withdrawal in the last 1m.\n');
  });

  it('refuses an unknown topic with the list of known ones (exit 2)', async () => {
    const r = await runCli(['digest', 'irak'], { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown topic "irak"');
    expect(r.stderr).toMatch(/^ {2}iraq {2}\(Iraq\)$/m);
    expect(r.stderr).toMatch(/^ {2}withdrawal$/m);
  });

  it('refuses bad arguments with usage (exit 2)', async () => {
    for (const argv of [
      ['digest', 'iraq', '--since', 'yesterday'],
      ['digest', 'iraq', '--format', 'html'],
      ['digest'],
      ['digest', 'iraq', '--max', '0'],
      ['digest', 'iraq', '--frob'],
    ]) {
      const r = await runCli(argv, { env });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/usage: raqib digest TOPIC/);
    }
    const help = await runCli(['digest', '--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: raqib digest/);
  });

  it('works through the package bin, as `npx raqib digest` does', async () => {
    const r = await spawnCli(['digest', 'iraq', '--since', '2d', '--format', 'json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).empty).toBe(false);
  });
});
