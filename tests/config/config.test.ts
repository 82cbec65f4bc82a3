import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText } from '../../src/config/load.ts';
import { parseEnv } from '../../src/config/env.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/stores.ts';

describe('config file', () => {
  it('accepts a file holding only topics', () => {
    const r = parseConfigText('topics:\n  - id: iraq\n    query: iraq OR العراق\n', '/x/raqib.yaml');
    expect(r.ok).toBe(true);
  });

  it('accepts an empty file', () => {
    expect(parseConfigText('', '/x/raqib.yaml').ok).toBe(true);
  });

  it('lists every problem with its path', () => {
    const yaml = [
      'feeds:',
      '  - url: https://example.com/rss',
      '    interval: five minutes',
      'topics:',
      '  - id: iraq',
      '    query: "(iraq OR baghdad"',
      'subscriptions:',
      '  - topic: nope',
      '    platform: telegram',
      '    chat: "1"',
      '    mode: weekly',
    ].join('\n');
    const r = parseConfigText(yaml, '/x/raqib.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['feeds[0].interval', 'topics[0].query', 'subscriptions[0].topic', 'subscriptions[0].mode']));
    expect(r.problems.find((p) => p.path === 'topics[0].query')!.message).toMatch(/\)/);
  });

  it('holds remote feeds to a 1m interval and local ones to 1s, and refuses other schemes', () => {
    const r = parseConfigText(
      [
        'feeds:',
        '  - { url: https://example.com/rss, interval: 30s }',
        '  - { url: http://127.0.0.1:8080/rss, interval: 2s }',
        '  - { url: ./feeds/a.xml, interval: 1s }',
        '  - { url: "ftp://example.com/rss" }',
        '  - { url: https://example.com/other, interval: 1m }',
      ].join('\n'),
      '/x/raqib.yaml',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['feeds[0].interval', 'feeds[3].url']);
    expect(r.problems[0]!.message).toMatch(/at least 1m/);
  });

  it('reports a bad query, duplicate ids and unknown subscription topics even next to a type error', () => {
    const yaml = [
      'topics:',
      '  - { id: 7, query: "iraq OR" }',
      '  - { id: iraq, query: iraq }',
      '  - { id: iraq, query: baghdad }',
      'subscriptions:',
      '  - { topic: nosuch, platform: telegram, chat: "1" }',
    ].join('\n');
    const r = parseConfigText(yaml, '/x/raqib.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual(['subscriptions[0].topic', 'topics[0].id', 'topics[0].query', 'topics[2].id']);
  });

  it('refuses unknown keys so that typos surface', () => {
    const r = parseConfigText('topics:\n  - id: iraq\n    qeury: iraq\n', '/x/raqib.yaml');
    expect(r.ok).toBe(false);
  });

  it('resolves local feed paths against the config folder', () => {
    const r = parseConfigText('feeds:\n  - url: ./feeds/a.xml\n', '/srv/raqib/raqib.yaml');
    expect(r.ok && r.loaded.config.feeds![0]!.url).toBe('file:///srv/raqib/feeds/a.xml');
  });

  it('a subscription may carry its own exclude terms, read like topic terms', () => {
    const sub = (exclude: string) =>
      `topics:\n  - id: iraq\n    query: iraq\nsubscriptions:\n  - topic: iraq\n    platform: telegram\n    chat: 1\n    exclude: ${exclude}\n`;
    const good = parseConfigText(sub('[football, "transfer news", العراقي]'), '/x/raqib.yaml');
    expect(good.ok && good.loaded.config.subscriptions![0]!.exclude).toEqual(['football', 'transfer news', 'العراقي']);
    const bad = parseConfigText(sub("['fo\"o']"), '/x/raqib.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems).toContainEqual(
        expect.objectContaining({ path: 'subscriptions[0].exclude', message: expect.stringContaining('exclude term "fo"o"') }),
      );
  });

  it('reports broken YAML with its line', () => {
    const r = parseConfigText('topics: [\n  - id: x\n', '/x/raqib.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/YAML.*line/);
  });
});

describe('environment', () => {
  it('has working defaults with nothing set', () => {
    const r = parseEnv({});
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.env.RAQIB_STORE).toBe('sqlite://./data/raqib.sqlite');
      expect(r.env.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
      expect(r.env.SLACK_API_URL).toBe('https://slack.com/api/');
      expect(r.env.PORT).toBe(3000);
    }
  });

  it('lists every problem and never echoes a secret', () => {
    const r = parseEnv({
      TELEGRAM_BOT_TOKEN: 'not-a-token-s3cret',
      PORT: 'eighty',
      RAQIB_ADMINS: 'slack:U1,bogus',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/hook',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path).sort();
    expect(paths).toEqual(['PORT', 'RAQIB_ADMINS', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET']);
    expect(JSON.stringify(r.problems)).not.toContain('s3cret');
  });

  it('refuses store URLs that cannot be opened and ports that are not plain decimal numbers', () => {
    for (const [store, port] of [
      ['sqlite://', '0x10'],
      ['redis://:::', '1e3'],
      ['sqlite://   ', '80.0'],
    ] as const) {
      const r = parseEnv({ RAQIB_STORE: store, PORT: port });
      expect(r.ok, store).toBe(false);
      if (r.ok) continue;
      expect(r.problems.map((p) => p.path).sort(), store).toEqual(['PORT', 'RAQIB_STORE']);
    }
    for (const store of ['sqlite://./data/raqib.sqlite', 'sqlite://:memory:', 'redis://127.0.0.1:6379', 'rediss://u:p@cache.example.com:6380/2']) {
      expect(parseEnv({ RAQIB_STORE: store, PORT: '8080' }).ok, store).toBe(true);
    }
  });

  it('parses admins', () => {
    const r = parseEnv({ RAQIB_ADMINS: 'slack:U0123, telegram:4242' });
    expect(r.ok && r.env.admins).toEqual([
      { platform: 'slack', user: 'U0123' },
      { platform: 'telegram', user: '4242' },
    ]);
  });
});

describe('raqib check', () => {
  it('lists three mistakes and exits 2', async () => {
    const t = tempDir();
    const file = join(t.dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'feeds:',
        '  - url: https://example.com/rss',
        '    interval: soon',
        'topics:',
        '  - id: Bad Id',
        '    query: iraq',
        '  - id: ok',
        '    query: "iraq AND (baghdad"',
      ].join('\n'),
    );
    const r = await runCli(['check', '--config', file]);
    t.remove();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('feeds[0].interval');
    expect(r.stderr).toContain('topics[0].id');
    expect(r.stderr).toContain('topics[1].query');
    expect(r.stderr).toMatch(/3 problems/);
  });

  it('reports env and config problems together', async () => {
    const t = tempDir();
    const file = join(t.dir, 'bad.yaml');
    writeFileSync(file, 'topics:\n  - id: x\n');
    const r = await runCli(['check', '--config', file], { env: { PORT: '-1' } });
    t.remove();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('topics[0].query');
  });

  it('refuses a file that is not UTF-8 (a Latin-1 save) instead of matching on U+FFFD', async () => {
    const t = tempDir();
    const file = join(t.dir, 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('topics:\n  - id: cafe\n    query: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
    const r = await runCli(['check', '--config', file]);
    t.remove();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\(file\): not valid UTF-8 \(line 3\)/);
    expect(r.stderr).not.toContain('\uFFFD');
  });

  it('refuses a config file larger than its cap without parsing it, and names a missing file or a folder plainly', async () => {
    const t = tempDir();
    const big = join(t.dir, 'big.yaml');
    writeFileSync(big, `# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    const r = await runCli(['check', '--config', big]);
    const dir = await runCli(['check', '--config', t.dir]);
    const missing = await runCli(['check', '--config', join(t.dir, 'nope.yaml')]);
    t.remove();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\(file\): larger than 2 MB/);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toMatch(/is a directory, not a file/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('passes on the bundled example config and lists the default pack', async () => {
    const r = await runCli(['check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok: .*examples\/raqib\.yaml/);
    expect(r.stdout).toMatch(/^ {2}withdrawal +pack +US\/coalition withdrawal from Iraq and Syria \| انسحاب/m);
    expect(r.stdout).toMatch(/^ {2}iraq +pack +Iraq \| العراق$/m);
  });

  it('lists the composed topics with their origin and warns about redundant vocabulary terms', async () => {
    const t = tempDir();
    const file = join(t.dir, 'raqib.yaml');
    writeFileSync(
      file,
      [
        'vocabularies:',
        '  gulf: [Kuwait, الكويت, والكويت]',
        'topics:',
        '  - id: gulf',
        '    names: { en: Gulf, ar: الخليج }',
        '    clauses:',
        '      in_gulf: { any: [gulf] }',
        '    require: [in_gulf]',
        '  - extends: iraq',
        '    exclude: [football]',
      ].join('\n'),
    );
    const r = await runCli(['check', '--config', file]);
    t.remove();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/5 topics/);
    expect(r.stdout).toMatch(/^ {2}iraq +extends +Iraq/m);
    expect(r.stdout).toMatch(/^ {2}gulf +config +Gulf \| الخليج$/m);
    expect(r.stdout).toMatch(/warning \(line 2\): vocabulary gulf: "والكويت" is already matched by "الكويت"/);
  });

  it('names the line and clause of a topic problem', async () => {
    const t = tempDir();
    const file = join(t.dir, 'raqib.yaml');
    writeFileSync(
      file,
      ['topics:', '  - id: t', '    clauses:', '      near_us: { any: [us_forcez], near: 5, with: [united_states] }', '    require: [near_us]'].join('\n'),
    );
    const r = await runCli(['check', '--config', file]);
    t.remove();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('topics[0].clauses.near_us (line 4): topic t: unknown vocabulary or clause "us_forcez"');
  });
});
