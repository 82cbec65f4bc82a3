// The Redis commands a test's store sends, as the server saw them (MONITOR, on connections of
// its own). Counting on the server rather than in the client counts what keyv sends too; the
// server is shared with the other test workers (INFO commandstats would count theirs as well),
// so commands are selected: by the store's connection address, by the test's key prefix, or both.
import { createClient } from '@keyv/redis';
import type { Store } from '../../src/store/open-store.ts';

/** Which commands to take; with both, a command must match both. */
export interface CommandSelection {
  /** Those sent on this store's connection (its address, from CLIENT INFO). */
  store?: Store;
  /** Those naming this key prefix: every keyed command, and SCAN through its MATCH pattern. Commands without a key (MULTI, EXEC, PING) have none. */
  prefix?: string;
}

export interface RedisMonitor {
  /**
   * The commands (name in capitals, then its arguments) matching `select` that the server ran
   * since the last take, once MONITOR has shown all of them. Every command seen is dropped, taken or not.
   */
  take(select: CommandSelection): Promise<string[][]>;
  close(): Promise<void>;
}

interface Seen {
  addr: string;
  args: string[];
}

/** `1733000000.123456 [0 127.0.0.1:50000] "LRANGE" "k" "3" "-1"` → address and arguments. */
function parse(line: string): Seen | undefined {
  const m = /^\S+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
  if (!m) return undefined;
  const args = [...m[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((a) => a[1]!.replace(/\\(.)/g, '$1'));
  if (args[0]) args[0] = args[0].toUpperCase();
  return { addr: m[1]!, args };
}

const isClientInfo = (args: string[]) => args[0] === 'CLIENT' && args[1]?.toUpperCase() === 'INFO';

export async function monitorRedis(url: string): Promise<RedisMonitor> {
  const mon = createClient({ url });
  const ctl = createClient({ url });
  for (const c of [mon, ctl]) c.on('error', () => {});
  await Promise.all([mon.connect(), ctl.connect()]);
  const seen: Seen[] = [];
  const marks = new Map<string, () => void>();
  await mon.monitor((line: string) => {
    const c = parse(line);
    if (!c) return;
    if (c.args[0] === 'ECHO' && marks.has(c.args[1]!)) marks.get(c.args[1]!)!();
    else seen.push(c);
  });
  let n = 0;
  /** Resolves once the server has fed every command it ran before now to the monitor: it shows them in the order it ran them, so all are before the mark. */
  const settle = async () => {
    const mark = `raqib-monitor-mark-${process.pid}-${n++}`;
    const shown = new Promise<void>((resolve) => marks.set(mark, resolve));
    await ctl.echo(mark);
    await shown;
    marks.delete(mark);
  };
  const addrs = new WeakMap<Store, string>();
  const addressOf = async (store: Store) => {
    let addr = addrs.get(store);
    if (!addr) {
      const info = String(await store.redis!.sendCommand(['CLIENT', 'INFO']));
      addrs.set(store, (addr = /(?:^|\s)addr=(\S+)/.exec(info)![1]!));
    }
    return addr;
  };
  return {
    async take({ store, prefix }) {
      if (!store && prefix === undefined) throw new Error('take: select by store, by prefix or both');
      const addr = store && (await addressOf(store));
      await settle();
      const all = seen.splice(0);
      // The CLIENT INFO that found the address is the helper's, not the store's.
      const byAddr = addr === undefined ? all : all.filter((c) => c.addr === addr && !isClientInfo(c.args));
      const byPrefix = prefix === undefined ? byAddr : byAddr.filter((c) => c.args.some((a) => a.includes(prefix)));
      return byPrefix.map((c) => c.args);
    },
    async close() {
      await Promise.allSettled([mon.close(), ctl.close()]);
    },
  };
}

/** How many of the commands there are of each name, in the order the names first came. */
export function countByName(commands: string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [name] of commands) if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

export function total(counts: Map<string, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}
