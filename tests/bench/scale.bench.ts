// Scale-out with failover: several real `raqib start` processes on one Redis, many chats subscribed
// instant, a local feed publishing; one process is SIGKILLed mid-run. Reports delivered / missing /
// duplicates (in-doubt counted apart), messages per second against Telegram's ceiling (the fake
// Bot API enforces it), Redis commands per message and memory, CPU per process, and the same run
// with one process as the baseline. Bench only (`npm run bench -- scale`): minutes, not a test.
// Sizes: BENCH_CHATS (default 2000), BENCH_ITEMS (default 40), BENCH_PUBLISH_S (default 10),
// BENCH_INSTANCES (default 3). Every chat gets every item: chats × items item deliveries.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createClient } from '@keyv/redis';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { idsIn } from '../delivery/helpers.ts';
import { RAQIB_BIN, raqibConfig, spawnDriver, startFeed } from '../delivery/crash-harness.ts';

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const CHATS = num('BENCH_CHATS', 2000);
const ITEMS = num('BENCH_ITEMS', 40);
const PUBLISH_S = num('BENCH_PUBLISH_S', 10);
const INSTANCES = num('BENCH_INSTANCES', 3);
const STORE = `${(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d+$/, '')}/11`;
const TIMEOUT_MS = num('BENCH_TIMEOUT_S', 420) * 1000;

interface Proc {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<void>;
  cpuS: number;
}

interface PhaseResult {
  name: string;
  instances: number;
  expected: number;
  delivered: number;
  missing: number;
  duplicates: number;
  /** Items that arrived inside two different messages: never acceptable (a re-sent in-doubt message is identical). */
  splitDuplicates: number;
  repeatedMessages: number;
  inDoubt: number;
  messages: number;
  sendSeconds: number;
  wallSeconds: number;
  killedAtS?: number;
  redisCommands: number;
  redisMemoryMb: number;
  cpuS: number[];
  errors: string[];
}

/** CPU seconds (user + system) a live process used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

async function redisInfo(): Promise<{ commands: number; memoryMb: number }> {
  const c = createClient({ url: STORE });
  await c.connect();
  const info = await c.info();
  await c.close();
  const field = (k: string) => Number(new RegExp(`^${k}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  return { commands: field('total_commands_processed'), memoryMb: field('used_memory') / 1_048_576 };
}

async function flush(): Promise<void> {
  const c = createClient({ url: STORE });
  await c.connect();
  await c.flushDb();
  await c.close();
}

/** Item deliveries per chat, from what the fake Bot API accepted. */
function tally(fake: FakeTelegram, chats: string[]) {
  let delivered = 0;
  let duplicates = 0;
  let splitDuplicates = 0;
  let repeatedMessages = 0;
  let messages = 0;
  for (const chat of chats) {
    const counts = new Map<string, number>();
    const texts = new Set<string>();
    for (const m of fake.sent(Number(chat))) {
      messages++;
      if (texts.has(m.text)) repeatedMessages++;
      texts.add(m.text);
      for (const id of new Set(idsIn(m.text))) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    delivered += counts.size;
    for (const n of counts.values()) duplicates += n - 1;
    const inTexts = new Map<string, number>();
    for (const t of texts) for (const id of new Set(idsIn(t))) inTexts.set(id, (inTexts.get(id) ?? 0) + 1);
    for (const n of inTexts.values()) splitDuplicates += n - 1;
  }
  return { delivered, duplicates, splitDuplicates, repeatedMessages, messages };
}

function spawnRaqib(env: Record<string, string>, errors: string[], inDoubt: { n: number }): Proc {
  const onErr = (l: string) => {
    if (l.includes('message in doubt')) inDoubt.n++;
    else if (/^\{"level":("error"|50|60)\b/.test(l) || !l.startsWith('{')) errors.push(l);
  };
  return { ...spawnDriver([RAQIB_BIN, 'start'], env, onErr, 'raqib started'), cpuS: 0 };
}

async function runPhase(name: string, instances: number, kill: boolean): Promise<PhaseResult> {
  await flush();
  const started = Date.now();
  const fake = await startFakeTelegram({ limits: true });
  const feed = await startFeed(ITEMS, Math.max(1, Math.floor((PUBLISH_S * 1000) / ITEMS)), ITEMS);
  const work = mkdtempSync(join(tmpdir(), 'raqib-scale-'));
  const chats = Array.from({ length: CHATS }, (_, i) => String(100_000 + i));
  const env = {
    RAQIB_CONFIG: raqibConfig(work, feed.rss, chats),
    RAQIB_STORE: STORE,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    LOG_LEVEL: 'info',
    PORT: '0',
  };
  const errors: string[] = [];
  const inDoubt = { n: 0 };
  const before = await redisInfo();
  const procs: Proc[] = [];
  let killedAtS: number | undefined;
  try {
    for (let i = 0; i < instances; i++) procs.push(spawnRaqib(env, errors, inDoubt));
    await Promise.all(procs.map((p) => Promise.race([p.ready, p.exited])));
    const expected = CHATS * ITEMS;
    const deadline = Date.now() + TIMEOUT_MS;
    while (Date.now() < deadline && tally(fake, chats).delivered < expected) {
      if (kill && killedAtS === undefined && tally(fake, chats).delivered >= expected * 0.4) {
        procs[0]!.cpuS = cpuSeconds(procs[0]!.child.pid);
        procs[0]!.child.kill('SIGKILL');
        await procs[0]!.exited;
        killedAtS = (Date.now() - started) / 1000;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    // A little longer: a duplicate would show up now, not later.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.cpuS = cpuSeconds(p.child.pid);
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
    await feed.close();
    rmSync(work, { recursive: true, force: true });
  }
  const after = await redisInfo();
  const t = tally(fake, chats);
  const ats = fake.sent().map((m) => m.at);
  await fake.close();
  return {
    name,
    instances,
    expected: CHATS * ITEMS,
    ...t,
    missing: CHATS * ITEMS - t.delivered,
    inDoubt: inDoubt.n,
    sendSeconds: ats.length > 1 ? (Math.max(...ats) - Math.min(...ats)) / 1000 : 0,
    wallSeconds: (Date.now() - started) / 1000,
    ...(killedAtS !== undefined ? { killedAtS } : {}),
    redisCommands: after.commands - before.commands,
    redisMemoryMb: after.memoryMb,
    cpuS: procs.map((p) => p.cpuS),
    errors,
  };
}

function report(r: PhaseResult): void {
  const rate = r.sendSeconds > 0 ? r.messages / r.sendSeconds : 0;
  console.log(
    `[${r.name}] instances=${r.instances} chats=${CHATS} items=${ITEMS} item-deliveries ${r.delivered}/${r.expected} ` +
      `missing=${r.missing} duplicates=${r.duplicates} (in different messages: ${r.splitDuplicates}) repeated-messages=${r.repeatedMessages} in-doubt=${r.inDoubt}`,
  );
  console.log(
    `  messages=${r.messages} in ${r.sendSeconds.toFixed(1)} s = ${rate.toFixed(1)} msg/s (Telegram ceiling 30/s; raqib aims at 90% of it) ` +
      `item-deliveries/s=${(r.delivered / Math.max(r.sendSeconds, 0.001)).toFixed(0)} wall=${r.wallSeconds.toFixed(1)} s`,
  );
  console.log(
    `  redis: ${r.redisCommands} commands (${(r.redisCommands / Math.max(r.messages, 1)).toFixed(1)} per message), ${r.redisMemoryMb.toFixed(1)} MB used; ` +
      `cpu s per instance: ${r.cpuS.map((c) => c.toFixed(1)).join(', ')}${r.killedAtS !== undefined ? `; instance 0 SIGKILLed at ${r.killedAtS.toFixed(1)} s` : ''}`,
  );
  if (r.errors.length > 0) console.log(`  errors logged (${r.errors.length}), first: ${r.errors[0]}`);
}

export async function run(): Promise<void> {
  const baseline = await runPhase('baseline', 1, false);
  report(baseline);
  const scaled = await runPhase(`scale-out x${INSTANCES}, one killed`, INSTANCES, true);
  report(scaled);
  // An in-doubt message sent again arrives identical (repeatedMessages); an item inside two
  // different messages means two processes decided about it differently.
  const clean = (r: PhaseResult) => r.missing === 0 && r.splitDuplicates === 0 && r.repeatedMessages <= r.inDoubt;
  const ok = clean(scaled) && clean(baseline);
  console.log(`failover: ${ok ? 'nothing lost, no item in two different messages, no repeat beyond the in-doubt count' : 'FAILED (see above)'}`);
  if (!ok) throw new Error('scale bench: items lost or sent twice');
}
