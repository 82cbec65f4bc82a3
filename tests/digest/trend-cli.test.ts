// `raqib trend` (contract): summary lines, the JSON series, the PNG, and its exit codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { NOW, trendArticles } from './helpers/trend-data.ts';
import { openCliStore, type CliStore } from './helpers/cli-store.ts';

let dir: CliStore['dir'];
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ dir, env } = await openCliStore({
    topics: ['{ id: iraq, query: "Iraq OR العراق" }', '{ id: militia-threats, query: "Kataib OR تهدد" }', '{ id: withdrawal, query: "withdrawal OR انسحاب" }'],
    articles: trendArticles(),
    datedAt: NOW,
  }));
});
afterAll(() => dir.remove());

describe('raqib trend', () => {
  it('prints one summary line per topic', async () => {
    const r = await runCli(['trend', 'militia-threats', 'withdrawal'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'militia-threats: 4 stories in 30 days, up from 1 the 30 days before\nwithdrawal: 0 stories in 30 days, the same as the 30 days before\n',
    );
  });

  it('prints the series as JSON and writes the PNG with --out', async () => {
    const out = join(dir.dir, 'chart.png');
    const r = await runCli(['trend', 'militia-threats', '--since', '7d', '--format', 'json', '--out', out], { env });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.days).toHaveLength(7);
    // s1, s2 and s3 (a story whose outlets straddle midnight counts on both days, once in total).
    expect(s.topics[0].total).toBe(3);
    expect(s.topics[0].perDay.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThanOrEqual(3);
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(600);
  }, 30_000);

  it('clamps a window over 90 days and says so, in Arabic too', async () => {
    const r = await runCli(['trend', 'iraq', '--since', '20w', '--lang', 'ar'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('iraq: 2 قصص خلال 90 يوماً');
    expect(r.stdout).toContain('(طُلبت 140 يوماً؛ الحد الأقصى 90 يوماً)');
  });

  it('answers an unknown topic with "did you mean" (exit 2)', async () => {
    const r = await runCli(['trend', 'militia', 'irak'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown topic "militia" — did you mean militia-threats?');
    expect(r.stderr).toContain('unknown topic "irak" — did you mean iraq?');
    expect(r.stdout).toBe('');
  });

  it('refuses bad usage with exit 2 and the usage line', async () => {
    for (const argv of [['trend'], ['trend', 'iraq', '--since', 'soon'], ['trend', 'iraq', '--format', 'png'], ['trend', 'iraq', '--colour']]) {
      const r = await runCli(argv, { env });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: raqib trend TOPIC…');
    }
    const help = await runCli(['trend', '--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: raqib trend');
  });
});
