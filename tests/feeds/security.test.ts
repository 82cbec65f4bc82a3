// Entity bombs and external entities (../shared/fixtures/feeds/authored and defusedxml): each parse
// ends in < 1 s with < 50 MB extra memory, nothing is expanded, nothing is fetched or read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseFeed } from '../../src/feeds/normalise.ts';
import { parseFeedBytes, parseFeedText } from '../../src/feeds/parse.ts';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.ts';
import { corpusPresent, FEEDS_DIR } from './corpus-expected.ts';

// A handle on the collector, so that "extra memory" is measured against a clean baseline.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const BOMBS = [
  'authored/rss_billion_laughs.xml',
  'authored/rss_quadratic_blowup.xml',
  'authored/rss_recursive_entity.xml',
  'defusedxml/xmlbomb.xml',
  'defusedxml/xmlbomb2.xml',
  'defusedxml/quadratic.xml',
  'defusedxml/cyclic.xml',
];

function fullPath(bytes: Buffer) {
  const r = parseFeedBytes(bytes);
  const items = r.ok ? normaliseFeed(r.feed, { feedId: 'sec', feedUrl: 'https://sec.example/feed', fetchedAt: Date.now() }) : [];
  return { r, items };
}

describe.skipIf(!corpusPresent)('entity bombs', () => {
  it.each(BOMBS)('%s: < 1 s, < 50 MB, nothing expanded', (file) => {
    const bytes = readFileSync(join(FEEDS_DIR, file));
    gc();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const out = fullPath(bytes);
    const ms = performance.now() - t0;
    const peakish = process.memoryUsage(); // garbage included: an upper bound of what the parse allocated
    gc();
    const after = process.memoryUsage();
    const extraMb = (m: NodeJS.MemoryUsage) => (m.heapUsed + m.external - before.heapUsed - before.external) / 1048576;
    console.log(`[bomb] ${file}: ${ms.toFixed(1)} ms, +${extraMb(peakish).toFixed(1)} MB before GC, +${extraMb(after).toFixed(1)} MB retained`);
    expect(ms).toBeLessThan(1_000);
    expect(extraMb(peakish)).toBeLessThan(50);
    expect(extraMb(after)).toBeLessThan(50);
    const serialised = JSON.stringify(out);
    expect(serialised.length).toBeLessThan(bytes.length * 2 + 10_000);
    expect(serialised).not.toMatch(/(lol){20}|(1234567890){20}|B{6000}/);
  });

  it('keeps the feed-shaped bombs readable with the entity references dropped', () => {
    const { r, items } = fullPath(readFileSync(join(FEEDS_DIR, 'authored/rss_billion_laughs.xml')));
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings.join(' ')).toMatch(/DOCTYPE declared 10 entities: not expanded/);
    expect(items).toHaveLength(1);
    expect(items[0]!.article.url).toBe('https://example.com/1');
    expect(items[0]!.article.title).not.toContain('lol');
  });
});

describe.skipIf(!corpusPresent)('external entities', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
    server.serve('/internal-metadata', 'SECRET-METADATA');
    server.serve('/evil.dtd', '<!ENTITY leak "SECRET-DTD">');
    server.serve('/oob.dtd', '<!ENTITY % x "SECRET-OOB">');
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(['authored/atom_xxe_http_ssrf.xml', 'authored/rss_external_dtd.xml', 'authored/rss_parameter_entity_oob.xml'])(
    '%s: no request is made for the DTD or entity (pointed at a live local server)',
    (file) => {
      const doc = readFileSync(join(FEEDS_DIR, file), 'utf8').replaceAll('http://127.0.0.1:9', server.origin);
      expect(doc).toContain(server.origin);
      const r = parseFeedText(doc);
      expect(r.ok).toBe(true);
      expect(JSON.stringify(r)).not.toContain('SECRET');
      expect(server.requests).toHaveLength(0);
    },
  );

  it('the external-DTD feed is otherwise read normally', () => {
    const r = parseFeedText(readFileSync(join(FEEDS_DIR, 'authored/rss_external_dtd.xml'), 'utf8'));
    expect(r.ok && r.feed.items.map((i) => i.title)).toEqual(['external dtd item']);
  });

  it('a local-file entity is never read (authored XXE and laminas xxe-atom10 with its secret file)', () => {
    const xxe = fullPath(readFileSync(join(FEEDS_DIR, 'authored/rss_xxe_local_file.xml')));
    expect(JSON.stringify(xxe)).not.toMatch(/root:|\/bin\/(ba)?sh/);
    expect(xxe.items[0]!.article.title).toBe('leak:');
    const secretFile = join(FEEDS_DIR, 'laminas-feed/Reader/xxe-info.txt');
    expect(readFileSync(secretFile, 'utf8')).toContain('xxe-information-disclosed');
    const doc = readFileSync(join(FEEDS_DIR, 'laminas-feed/Reader/xxe-atom10.xml'), 'utf8').replace('XXE_URI', secretFile);
    const r = parseFeedText(doc);
    expect(JSON.stringify(r)).not.toContain('xxe-information-disclosed');
  });

  it('XInclude is an unknown element, never processed', () => {
    const { items } = fullPath(readFileSync(join(FEEDS_DIR, 'authored/rss_xinclude.xml')));
    expect(items[0]!.article.title).toBe('xi item');
    expect(JSON.stringify(items)).not.toMatch(/root:/);
  });
});
