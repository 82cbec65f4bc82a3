// Per-feed scope of a topic: feeds: (only these) and except_feeds: (all but these), resolved
// against the config's feeds by name, id or URL; an unknown feed is a config error with its line.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText } from '../../src/config/load.ts';
import { feedIdFor } from '../../src/feeds/feed-spec.ts';
import { compileTopics } from '../../src/topics/index.ts';
import { renderTopicView } from '../../commands/topic-view.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/stores.ts';

const FEEDS = ['feeds:', '  - url: https://wire.example/rss', '    name: Wire', '  - url: https://blog.example/feed.xml'];
const topic = (scope: string[]) => ['topics:', '  - id: iraq', '    query: iraq', ...scope];
const load = (lines: string[]) => parseConfigText(lines.join('\n'), '/x/raqib.yaml');
const WIRE = feedIdFor('https://wire.example/rss');
const BLOG = feedIdFor('https://blog.example/feed.xml');

describe('topic feed scope', () => {
  it('resolves feeds by name (any case), id and URL (any spelling of the location)', () => {
    const r = load([
      ...FEEDS,
      ...topic(['    feeds: [wire, ' + BLOG + ']']),
      '  - id: other',
      '    query: basra',
      '    except_feeds: ["HTTPS://Blog.example:443/feed.xml"]',
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const byId = new Map(r.loaded.config.topics.map((t) => [t.id, t]));
    expect(byId.get('iraq')!.feedScope).toEqual({
      kind: 'only',
      feeds: [
        { id: WIRE, ref: 'wire' },
        { id: BLOG, ref: BLOG },
      ],
    });
    expect(byId.get('other')!.feedScope).toEqual({ kind: 'except', feeds: [{ id: BLOG, ref: 'HTTPS://Blog.example:443/feed.xml' }] });
  });

  it('reports an unknown feed with its line, and feeds: beside except_feeds:', () => {
    const r = load([...FEEDS, ...topic(['    feeds:', '      - Wire', '      - Reuterz'])]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual({ path: 'topics[0].feeds[1]', line: 10, message: expect.stringContaining('unknown feed "Reuterz"') });
    const both = load([...FEEDS, ...topic(['    feeds: [Wire]', '    except_feeds: [Wire]'])]);
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/feeds: .*or except_feeds: .*not both/));
  });

  it('an empty list and a config without feeds are errors too', () => {
    const empty = load([...FEEDS, ...topic(['    feeds: []'])]);
    expect(!empty.ok && empty.problems.some((p) => /is empty/.test(p.message))).toBe(true);
    const none = load(topic(['    feeds: [Wire]']));
    expect(!none.ok && none.problems.some((p) => /unknown feed "Wire"/.test(p.message))).toBe(true);
  });

  it('an extends: entry may scope a pack topic', () => {
    const r = load([...FEEDS, 'topics:', '  - extends: iraq', '    except_feeds: [Wire]']);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.loaded.config.topics.find((t) => t.id === 'iraq')!.feedScope).toEqual({ kind: 'except', feeds: [{ id: WIRE, ref: 'Wire' }] });
  });

  it('the matcher skips topics that do not read the article’s feed, and matches all without a feed', () => {
    const r = load([...FEEDS, ...topic(['    feeds: [Wire]']), '  - id: basra', '    query: iraq', '    except_feeds: [Wire]']);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const m = compileTopics(r.loaded.config.topics.filter((t) => ['iraq', 'basra'].includes(t.id)));
    const doc = { title: 'Iraq talks', text: '' };
    expect(m.match({ ...doc, feedId: WIRE }).map((x) => x.id)).toEqual(['iraq']);
    expect(m.match({ ...doc, feedId: BLOG }).map((x) => x.id)).toEqual(['basra']);
    expect(m.match(doc).map((x) => x.id)).toEqual(['iraq', 'basra']);
  });

  it('/topic and raqib check show the scope', async () => {
    const r = load([...FEEDS, ...topic(['    feeds: [Wire]'])]);
    if (!r.ok) throw new Error('config');
    const def = r.loaded.config.topics.find((t) => t.id === 'iraq')!;
    const activity = { day: 0, week: 0, latest: [] };
    expect(renderTopicView(def, 'en', activity)).toContain('Reads only these feeds: Wire');
    expect(renderTopicView(def, 'ar', activity)).toContain('يقرأ هذه المصادر فقط: \u2068Wire\u2069');
    const t = tempDir();
    const file = join(t.dir, 'raqib.yaml');
    writeFileSync(file, [...FEEDS, ...topic(['    except_feeds: [Wire, "https://blog.example/feed.xml"]'])].join('\n'));
    const out = await runCli(['check', '--config', file]);
    t.remove();
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^ {2}iraq +config +\[all feeds except: Wire, https:\/\/blog.example\/feed.xml\]$/m);
  });
});
