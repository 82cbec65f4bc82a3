// Store back-ends for tests: SQLite in a temp folder always; Redis when REDIS_URL is set.
// Without REDIS_URL the Redis cases are skipped with a visible reason (a user's laptop); CI sets it,
// and then they must connect or fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from '../../src/store/open-store.ts';

export const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) console.warn('[raqib tests] REDIS_URL is not set: Redis store cases are skipped (CI sets it).');

export interface StoreCase {
  name: 'sqlite' | 'redis';
  skip: boolean;
  /** A fresh, empty store; `cleanup` removes it. */
  open(): Promise<{ store: Store; url: string; prefix?: string; cleanup(): Promise<void> }>;
}

export function tempDir(prefix = 'raqib-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const storeCases: StoreCase[] = [
  {
    name: 'sqlite',
    skip: false,
    async open() {
      const t = tempDir();
      const url = `sqlite://${join(t.dir, 'raqib.sqlite')}`;
      const store = await openStore(url);
      return {
        store,
        url,
        cleanup: async () => {
          await store.close();
          t.remove();
        },
      };
    },
  },
  {
    name: 'redis',
    skip: !REDIS_URL,
    async open() {
      // A random key prefix keeps parallel test files apart on one Redis server.
      const prefix = `raqibtest${randomBytes(6).toString('hex')}`;
      const url = REDIS_URL!;
      const store = await openStore(url, { redisPrefix: prefix });
      return {
        store,
        url,
        prefix,
        cleanup: async () => {
          await deleteByPrefix(store, prefix);
          await store.close();
        },
      };
    },
  },
];

export async function deleteByPrefix(store: Store, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const batch of store.redis!.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) keys.push(...(Array.isArray(batch) ? batch : [batch]));
  if (keys.length > 0) await store.redis!.del(keys);
}
