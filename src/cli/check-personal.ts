// `raqib check`'s personal topics: how many topics of their own each chat keeps (made with /watch
// in a private chat), read from the store. Check must not change anything, so a SQLite store that
// does not exist yet is not created, and a Redis store is only read with --online (as its ping is).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Env } from '../config/env.ts';
import { openStore } from '../store/open-store.ts';
import { PersonalTopicStore } from '../store/personal-topic-store.ts';

const HEAD = 'personal topics (per chat; origin: /watch in that private chat):';

export async function personalTopicLines(env: Env, cwd: string, online: boolean): Promise<string[]> {
  const url = env.RAQIB_STORE;
  if (url.startsWith('sqlite://')) {
    const path = url.slice('sqlite://'.length);
    if (path !== ':memory:' && !existsSync(resolve(cwd, path))) return [`${HEAD} none (no store yet)`];
  } else if (!online) return [`${HEAD} not read (a Redis store is read with --online)`];
  try {
    const store = await openStore(url, { cwd });
    try {
      const counts = [...(await new PersonalTopicStore(store).countsByChat())].sort(([a], [b]) => a.localeCompare(b));
      if (counts.length === 0) return [`${HEAD} none`];
      const width = Math.max(...counts.map(([chat]) => chat.length));
      return [HEAD, ...counts.map(([chat, n]) => `  ${chat.padEnd(width)}  personal  ${n}`)];
    } finally {
      await store.close();
    }
  } catch (e) {
    return [`${HEAD} not read (${(e as Error).message})`];
  }
}
