// The commands one Redis connection sends, as the server saw them (MONITOR). Counting on the server
// rather than in the client counts what keyv sends too; INFO commandstats would count the other
// test workers on the shared server as well, so commands are taken by client address.
import { createClient } from '@keyv/redis';
import type { Store } from '../../src/store/open-store.ts';

export interface RedisMonitor {
  /** The commands (name in capitals, then its arguments) this store's connection sent since the last take. */
  take(store: Store): Promise<string[][]>;
  close(): Promise<void>;
}

/** `1733000000.123456 [0 127.0.0.1:50000] "LRANGE" "k" "3" "-1"` → address and arguments. */
function parse(line: string): { addr: string; args: string[] } | undefined {
  const m = /^\S+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
  if (!m) return undefined;
  const args = [...m[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((a) => a[1]!.replace(/\\(.)/g, '$1'));
  if (args[0]) args[0] = args[0].toUpperCase();
  return { addr: m[1]!, args };
}

export async function monitorRedis(url: string): Promise<RedisMonitor> {
  const mon = createClient({ url });
  const ctl = createClient({ url });
  await Promise.all([mon.connect(), ctl.connect()]);
  const lines: { addr: string; args: string[] }[] = [];
  const marks = new Map<string, () => void>();
  await mon.monitor((line: string) => {
    const c = parse(line);
    if (!c) return;
    if (c.args[0] === 'ECHO' && marks.has(c.args[1]!)) marks.get(c.args[1]!)!();
    else lines.push(c);
  });
  let n = 0;
  /** Resolves once the server has fed every command executed before now to the monitor. */
  const settle = async () => {
    const mark = `raqib-monitor-mark-${process.pid}-${n++}`;
    const seen = new Promise<void>((resolve) => marks.set(mark, resolve));
    await ctl.echo(mark);
    await seen;
    marks.delete(mark);
  };
  return {
    async take(store) {
      const info = String(await store.redis!.sendCommand(['CLIENT', 'INFO']));
      const addr = /(?:^|\s)addr=(\S+)/.exec(info)![1]!;
      await settle();
      const mine = lines.filter((l) => l.addr === addr && !(l.args[0] === 'CLIENT' && l.args[1]?.toUpperCase() === 'INFO'));
      lines.length = 0;
      return mine.map((l) => l.args);
    },
    async close() {
      await Promise.allSettled([mon.close(), ctl.close()]);
    },
  };
}
