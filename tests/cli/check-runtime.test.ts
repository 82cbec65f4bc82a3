// `raqib check` lists what was changed at run time in this config's store, with who and when,
// and says how to remove it; it never creates a store that does not exist yet.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/stores.ts';
import { openStore } from '../../src/store/open-store.ts';
import { RegistryStore } from '../../src/store/registry-store.ts';
import { defaultStoreUrl } from '../../src/config/store-path.ts';

const ENV = { LOG_LEVEL: 'silent' };
let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

const CONFIG = `feeds:
  - url: https://a.example.com/rss
topics:
  - id: iraq
    query: iraq
`;

describe('raqib check: changed at run time', () => {
  it('says none without creating the store, then lists each change with origin and the way to remove it', async () => {
    dir = tempDir();
    writeFileSync(join(dir.dir, 'raqib.yaml'), CONFIG);
    const url = defaultStoreUrl(join(dir.dir, 'raqib.yaml'));
    const before = await runCli(['check'], { env: ENV, cwd: dir.dir });
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('changed at run time (kind, id, change: added | replaces | overlay | removed, by, at):\n  none (no store yet)\n');
    expect(existsSync(join(dir.dir, url.slice('sqlite://'.length)))).toBe(false);

    const store = await openStore(url, { cwd: dir.dir });
    const registry = new RegistryStore(store);
    await registry.topics.set('oil', { id: 'oil', query: 'oil', changedBy: 'telegram:77', changedAt: '2026-03-10T12:00:00.000Z' });
    await registry.topics.set('iraq', { id: 'iraq', query: 'iraq', overlay: { include: ['basra'], exclude: [] }, changedBy: 'slack:U1' });
    await registry.feeds.set('https://b.example.com/rss', { url: 'https://b.example.com/rss', addedBy: 'cli', addedAt: '2026-03-11T08:00:00.000Z' });
    await registry.feeds.remove('https://a.example.com/rss');
    await registry.feeds.remove('https://never-configured.example.com/rss');
    await store.close();

    const after = await runCli(['check'], { env: ENV, cwd: dir.dir });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/topic {2}iraq +overlay +by slack:U1\n/);
    expect(after.stdout).toMatch(/topic {2}oil +added +by telegram:77 at 2026-03-10T12:00:00.000Z\n/);
    expect(after.stdout).toMatch(/feed {3}https:\/\/a\.example\.com\/rss +removed\n/);
    expect(after.stdout).toMatch(/feed {3}https:\/\/b\.example\.com\/rss +added +by cli at 2026-03-11T08:00:00.000Z\n/);
    // A tombstone of a feed the config never had changes nothing: not listed.
    expect(after.stdout).not.toContain('never-configured');
    expect(after.stdout).toContain('  remove a topic: /watch remove ID (all: raqib reset --topics)\n');
    expect(after.stdout).toContain('  remove a feed: /feeds remove URL or raqib feeds remove URL (all: raqib reset --feeds)\n');
  }, 30_000);
});
