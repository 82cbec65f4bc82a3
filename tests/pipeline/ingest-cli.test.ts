// `raqib ingest` in-process with real streams, a real SQLite store in a temp dir and a real local
// feed server: per-feed lines, the total, exit codes, refusals with reasons, the progress bar.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/stores.ts';

const recent = new Date(Date.now() - 3_600_000).toUTCString();
const rss = (n: number, tag: string) =>
  `<rss version="2.0"><channel><title>${tag}</title>${Array.from({ length: n }, (_, i) => `<item><title>${i === 0 ? 'Iraq news' : 'Other'} ${tag} ${i}</title><link>https://cli.example/${tag}/${i}</link><pubDate>${recent}</pubDate></item>`).join('')}</channel></rss>`;

let server: FeedServer;
let t: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let dir: string;

beforeAll(async () => {
  server = await startFeedServer();
  t = tempDir();
  dir = join(t.dir, 'feeds');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.xml'), rss(3, 'a'));
  writeFileSync(join(dir, 'b.xml'), rss(2, 'b'));
  writeFileSync(join(dir, 'broken.xml'), '<html><body>not a feed</body></html>');
  writeFileSync(join(dir, '.hidden'), 'skipped');
  const config = join(t.dir, 'raqib.yaml');
  writeFileSync(
    config,
    `topics:\n  - id: iraq\n    query: Iraq\nsettings:\n  allowPrivateNetworks: ["127.0.0.1"]\n  userAgent: raqib-cli-test/1\nfeeds:\n  - url: ${server.url('/configured.xml')}\n    name: Configured feed\n`,
  );
  env = { LOG_LEVEL: 'silent', RAQIB_CONFIG: config, RAQIB_STORE: `sqlite://${join(t.dir, 'store.sqlite')}` };
  server.serve('/configured.xml', rss(1, 'cfg'), { etag: '"c1"' });
  server.serve('/remote.xml', rss(2, 'remote'));
});
afterAll(async () => {
  await server.close();
  t.remove();
});

describe('raqib ingest', () => {
  it('reads a directory and URLs: one line per feed in order, a total, refusals with the reason', async () => {
    const r = await runCli(['ingest', dir, server.url('/remote.xml'), 'http://10.0.0.5/feed.xml'], { env, cwd: t.dir });
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^fetched\s+3 new\s+0 seen\s+1 matched\s+[\d.]+ m?s\s+.*a\.xml$/);
    expect(lines[1]).toMatch(/^fetched\s+2 new .*b\.xml$/);
    expect(lines[2]).toMatch(/^parseError\s+.*broken\.xml {2}parseError: an HTML page, not a feed$/);
    expect(lines[3]).toMatch(/^fetched\s+2 new .*remote\.xml$/);
    expect(lines[4]).toMatch(/^refused\s+.*http:\/\/10\.0\.0\.5\/feed\.xml {2}refused: 10\.0\.0\.5 is a private address$/);
    expect(lines[5]).toMatch(/^total: 5 feeds, 3 ok, 2 failed; 7 new, 0 seen, 3 matched; /);
    expect(r.code).toBe(0);
    expect(server.hits('/remote.xml')[0]!.headers['user-agent']).toBe('raqib-cli-test/1');
  });

  it('a second run stores nothing twice', async () => {
    writeFileSync(join(dir, 'a.xml'), rss(4, 'a'));
    const r = await runCli(['ingest', join(dir, 'a.xml'), join(dir, 'b.xml')], { env, cwd: t.dir });
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^fetched\s+1 new\s+3 seen/);
    expect(lines[1]).toMatch(/^unchanged\s+0 new\s+0 seen/);
    expect(r.code).toBe(0);
  });

  it('without FEED arguments reads the configured feeds, by name, with conditional GET', async () => {
    const first = await runCli(['ingest'], { env, cwd: t.dir });
    expect(first.stdout).toMatch(/^fetched\s+1 new .*Configured feed\n/);
    const second = await runCli(['ingest'], { env, cwd: t.dir });
    expect(second.stdout).toMatch(/^notModified\s+0 new .*Configured feed\n/);
    expect(server.hits('/configured.xml')[1]!.headers['if-none-match']).toBe('"c1"');
  });

  it('accepts a file:// URL of a directory', async () => {
    const r = await runCli(['ingest', pathToFileURL(dir).toString()], { env, cwd: t.dir });
    expect(r.stdout).toMatch(/total: 3 feeds/);
  });

  it('exits 1 only when every feed failed', async () => {
    const r = await runCli(['ingest', join(dir, 'broken.xml'), join(t.dir, 'missing.xml')], { env, cwd: t.dir });
    expect(r.stdout).toMatch(/httpError: no such file/);
    expect(r.stdout).toMatch(/total: 2 feeds, 0 ok, 2 failed/);
    expect(r.code).toBe(1);
  });

  it('draws a progress bar on a terminal for directories, and clears it', async () => {
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const code = await main(['ingest', dir], { stdin: Readable.from(['']), stdout, stderr, env, cwd: t.dir });
    expect(code).toBe(0);
    expect(err).toContain('] 3/3');
    expect(err).toMatch(/\[#{30}\] 3\/3/);
    expect(err.endsWith('\r\x1b[K')).toBe(true);
    expect(out).toMatch(/total: 3 feeds/);
  });

  it('rejects bad usage with exit 2', async () => {
    const r = await runCli(['ingest', '--concurrency', '0', dir], { env, cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: raqib ingest/);
  });
});
