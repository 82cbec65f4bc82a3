// Counts the Redis commands one test's store sends, by name, through MONITOR on a connection of
// its own. The server is shared with other test files (INFO commandstats would count theirs
// too), so only commands naming this test's key prefix are counted: every keyed command, and
// SCAN through its MATCH pattern. Commands without a key (MULTI, EXEC, PING) are not counted.
import { createClient } from '@keyv/redis';
import type { Store } from '../../src/store/open-store.ts';

export interface CommandCounter {
  /** Waits until MONITOR has shown every command the store sent so far, then the counts since the last reset. */
  settle(): Promise<Map<string, number>>;
  reset(): void;
  close(): Promise<void>;
}

export async function countCommands(url: string, store: Store, prefix: string): Promise<CommandCounter> {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  let counts = new Map<string, number>();
  const seen = new Set<string>();
  await client.monitor((line: string) => {
    if (!line.includes(prefix)) return;
    const marker = /"GET" "[^"]*:monitor-marker:(\d+)"/.exec(line);
    if (marker) return void seen.add(marker[1]!);
    const name = /\] "([^"]+)"/.exec(line)?.[1]?.toUpperCase();
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  let n = 0;
  return {
    async settle() {
      const id = String(++n);
      // MONITOR shows commands in the order the server ran them: once the marker shows, so has every earlier one.
      await store.redis!.get(`${prefix}:monitor-marker:${id}`);
      const until = Date.now() + 10_000;
      while (!seen.has(id) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      if (!seen.has(id)) throw new Error('MONITOR never showed the marker');
      return new Map(counts);
    },
    reset() {
      counts = new Map();
    },
    async close() {
      client.destroy();
    },
  };
}

export function total(counts: Map<string, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}
