// Clean state: each config has a store of its own by default, and `raqib reset` shows (dry run)
// or removes what is stored.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/stores.ts';
import { openStore } from '../../src/store/open-store.ts';
import { defaultStoreUrl } from '../../src/config/store-path.ts';
import { PersonalTopicStore } from '../../src/store/personal-topic-store.ts';

const ENV = { LOG_LEVEL: 'silent' };
let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

/** Stores a /watch topic and a /feeds feed in the store this config uses by default. */
async function addRuntime(cwd: string, config: string): Promise<void> {
  const store = await openStore(defaultStoreUrl(join(cwd, config)), { cwd });
  await store.namespace('runtime_topics').set('test', { value: { id: 'test', name: 'test', query: 'foo' } });
  await store
    .namespace('runtime_feeds')
    .set('https://feed.example.com/rss', { value: { url: 'https://feed.example.com/rss', addedAt: new Date().toISOString() } });
  await store.namespace('articles').set('a1', { id: 'a1' });
  await store.namespace('feedback').set('telegram|42|iraq|s-a1', { topic: 'iraq', verdict: 'relevant' });
  await store.close();
}

describe('the default store belongs to the config in use', () => {
  it('gives two configs in one folder two stores that do not see each other', async () => {
    dir = tempDir();
    writeFileSync(join(dir.dir, 'raqib.example.yaml'), 'feeds: []\n');
    writeFileSync(join(dir.dir, 'raqib.yaml'), 'feeds: []\n');
    const a = await runCli(['check', '--config', 'raqib.example.yaml'], { env: ENV, cwd: dir.dir });
    const b = await runCli(['check'], { env: ENV, cwd: dir.dir });
    const storeOf = (out: string) => /store: (\S+)/.exec(out)?.[1];
    expect(storeOf(a.stdout)).toMatch(/^sqlite:\/\/\.\/data\/raqib_example-[0-9a-f]{8}\.sqlite$/);
    expect(storeOf(b.stdout)).toMatch(/^sqlite:\/\/\.\/data\/raqib-[0-9a-f]{8}\.sqlite$/);
    await addRuntime(dir.dir, 'raqib.example.yaml');
    const seenByExample = await runCli(['reset', '--config', 'raqib.example.yaml'], { env: ENV, cwd: dir.dir });
    const seenByUser = await runCli(['reset'], { env: ENV, cwd: dir.dir });
    expect(seenByExample.stdout).toContain('topics: runtime_topics 1, personal_topics 0');
    expect(seenByUser.stdout).toContain('topics: runtime_topics 0, personal_topics 0');
    expect(seenByUser.stdout).toContain('articles: articles 0');
  }, 30_000);

  it('lets RAQIB_STORE win', async () => {
    dir = tempDir();
    writeFileSync(join(dir.dir, 'raqib.yaml'), 'feeds: []\n');
    const r = await runCli(['check'], { env: { ...ENV, RAQIB_STORE: 'sqlite://./data/mine.sqlite' }, cwd: dir.dir });
    expect(r.stdout).toContain('store: sqlite://./data/mine.sqlite\n');
  }, 30_000);
});

describe('raqib reset', () => {
  it('only shows what it would remove without --yes, and removes it with --yes', async () => {
    dir = tempDir();
    writeFileSync(join(dir.dir, 'raqib.yaml'), 'feeds: []\n');
    await addRuntime(dir.dir, 'raqib.yaml');
    const dry = await runCli(['reset', '--topics', '--feeds'], { env: ENV, cwd: dir.dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would remove (dry run; add --yes to remove; stop raqib first)');
    expect(dry.stdout).toMatch(/topics: runtime_topics 1, personal_topics 0, watch_drafts 0\n\s+test\n/);
    expect(dry.stdout).toMatch(/feeds: runtime_feeds 1, feed_state 0\n\s+https:\/\/feed\.example\.com\/rss/);
    expect(dry.stdout).not.toContain('articles:');
    const still = await runCli(['reset', '--topics'], { env: ENV, cwd: dir.dir });
    expect(still.stdout).toContain('topics: runtime_topics 1, personal_topics 0');

    const real = await runCli(['reset', '--topics', '--feeds', '--yes'], { env: ENV, cwd: dir.dir });
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('removed 2 entries');
    const after = await runCli(['reset'], { env: ENV, cwd: dir.dir });
    expect(after.stdout).toContain('topics: runtime_topics 0, personal_topics 0');
    expect(after.stdout).toContain('feeds: runtime_feeds 0');
    // Articles and feedback were not named, so they stay.
    expect(after.stdout).toContain('articles: articles 1');
    expect(after.stdout).toMatch(/feedback: feedback 1, alert_counts 0, button_actions 0, button_keys 0\n/);
    await runCli(['reset', '--feedback', '--yes'], { env: ENV, cwd: dir.dir });
    expect((await runCli(['reset'], { env: ENV, cwd: dir.dir })).stdout).toContain('feedback: feedback 0');
  }, 30_000);
});

describe('personal topics in raqib check and raqib reset --topics', () => {
  it('check counts them per chat with their origin; reset --topics shows and removes them', async () => {
    dir = tempDir();
    writeFileSync(join(dir.dir, 'raqib.yaml'), 'feeds: []\n');
    const none = await runCli(['check'], { env: ENV, cwd: dir.dir });
    expect(none.stdout).toContain('personal topics (per chat; origin: /watch in that private chat): none (no store yet)');
    const store = await openStore(defaultStoreUrl(join(dir.dir, 'raqib.yaml')), { cwd: dir.dir });
    const personal = new PersonalTopicStore(store);
    for (const [chat, id] of [
      ['101', 'bitcoin'],
      ['101', 'gold'],
      ['202', 'bitcoin'],
    ] as const)
      await personal.set({ owner: { platform: 'telegram', chat }, topic: { id, query: id } });
    await store.close();

    const check = await runCli(['check'], { env: ENV, cwd: dir.dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(
      /personal topics \(per chat; origin: \/watch in that private chat\):\n {2}telegram 101 {2}personal {2}2\n {2}telegram 202 {2}personal {2}1\n/,
    );
    const dry = await runCli(['reset', '--topics'], { env: ENV, cwd: dir.dir });
    expect(dry.stdout).toContain('topics: runtime_topics 0, personal_topics 3');
    expect(dry.stdout).toContain('~telegram~101~gold');
    const real = await runCli(['reset', '--topics', '--yes'], { env: ENV, cwd: dir.dir });
    expect(real.stdout).toContain('removed 3 entries');
    expect((await runCli(['check'], { env: ENV, cwd: dir.dir })).stdout).toContain('in that private chat): none\n');
  }, 30_000);
});
