// What the scale bench reads back: per-chat deliveries against the known expectation, latency
// from an item's release to its sends, CPU from /proc, Redis INFO, and which process ran the
// scheduled slots (node-cron's distributed-mode keys name their owner) around the kill.
import { readFileSync } from 'node:fs';
import { createClient } from '@keyv/redis';
import type { FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { idsIn } from '../delivery/helpers.ts';

/** CPU seconds (user + system) a live process used so far, from /proc (Linux). */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

export async function redisInfo(url: string): Promise<{ commands: number; memoryMb: number }> {
  const c = createClient({ url });
  await c.connect();
  const info = await c.info();
  await c.close();
  const field = (k: string) => Number(new RegExp(`^${k}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  return { commands: field('total_commands_processed'), memoryMb: field('used_memory') / 1_048_576 };
}

export async function flushDb(url: string): Promise<void> {
  const c = createClient({ url });
  await c.connect();
  await c.flushDb();
  await c.close();
}

export interface Tally {
  expected: number;
  delivered: number;
  missing: number;
  /** Delivered to a chat that should not have had it (a matching or routing error). */
  unexpected: number;
  duplicates: number;
  /** Items inside two different messages to one chat: never acceptable. */
  splitDuplicates: number;
  /** Identical messages sent again (an in-doubt message re-sent). */
  repeatedMessages: number;
  messages: number;
  /** Per (chat, item): first arrival minus release (ms). */
  deliveryLatencyMs: number[];
  /** Per item: its first send to any chat minus release (ms). */
  firstSendLatencyMs: number[];
}

export function tally(fake: FakeTelegram, fakeT0: number, expected: Map<string, Set<string>>, published: Map<string, number>): Tally {
  const t: Tally = {
    expected: 0,
    delivered: 0,
    missing: 0,
    unexpected: 0,
    duplicates: 0,
    splitDuplicates: 0,
    repeatedMessages: 0,
    messages: 0,
    deliveryLatencyMs: [],
    firstSendLatencyMs: [],
  };
  const firstSend = new Map<string, number>();
  for (const [chat, want] of expected) {
    t.expected += want.size;
    const first = new Map<string, number>();
    const texts = new Map<string, number>();
    for (const m of fake.sent(Number(chat))) {
      t.messages++;
      texts.set(m.text, (texts.get(m.text) ?? 0) + 1);
      for (const id of new Set(idsIn(m.text))) {
        if (first.has(id)) t.duplicates++;
        else first.set(id, fakeT0 + m.at);
      }
    }
    for (const n of texts.values()) t.repeatedMessages += n - 1;
    const inTexts = new Map<string, number>();
    for (const text of texts.keys()) for (const id of new Set(idsIn(text))) inTexts.set(id, (inTexts.get(id) ?? 0) + 1);
    for (const n of inTexts.values()) t.splitDuplicates += n - 1;
    for (const [id, at] of first) {
      if (!want.has(id)) t.unexpected++;
      const pub = published.get(id);
      if (pub !== undefined) t.deliveryLatencyMs.push(at - pub);
      if (pub !== undefined && at < (firstSend.get(id) ?? Infinity)) firstSend.set(id, at);
    }
    for (const id of want) if (first.has(id)) t.delivered++;
  }
  t.missing = t.expected - t.delivered;
  for (const [id, at] of firstSend) t.firstSendLatencyMs.push(at - published.get(id)!);
  return t;
}

/** Cheap progress count for the wait loop: item ids delivered, over all chats. */
/**
 * (chat, item) pairs delivered so far among the expected chats, counted incrementally: the bench
 * asks every second, and re-reading every chat's messages each time (2,000 chats × thousands of
 * messages) blocked the event loop the fake Telegram server shares with it, so raqib's sends
 * timed out against the measuring harness rather than against its own limits.
 */
export function deliveryCounter(fake: FakeTelegram, chats: Iterable<string>): () => number {
  const want = new Set([...chats].map(Number));
  const seen = new Map<number, Set<string>>();
  let read = 0;
  let n = 0;
  return () => {
    const log = fake.sent();
    // Messages are only appended in the bench (none deleted), so the log's tail is what is new.
    for (; read < log.length; read++) {
      const m = log[read]!;
      if (!want.has(m.chat_id)) continue;
      let ids = seen.get(m.chat_id);
      if (!ids) seen.set(m.chat_id, (ids = new Set()));
      for (const id of idsIn(m.text)) {
        if (ids.has(id)) continue;
        ids.add(id);
        n++;
      }
    }
    return n;
  };
}

export function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export interface SlotOwners {
  ownersBefore: number;
  ownersAfter: number;
  /** Seconds from the kill to the first scheduled slot run by anyone after it. */
  firstSlotAfterKillS: number;
  /** Seconds from the kill to the last slot the killed owner had claimed (≤ 0: it ran nothing after). */
  killedOwnerLastSlotS: number;
  slots: number;
}

/** Who claimed which node-cron slot (keys raqib:cron:<task>:<slot ISO> = owner), around the kill. */
export async function slotOwners(url: string, killedAt: number): Promise<SlotOwners> {
  const c = createClient({ url });
  await c.connect();
  const slots: { at: number; owner: string }[] = [];
  for await (const keys of c.scanIterator({ MATCH: 'raqib:cron:*', COUNT: 1000 })) {
    const batch = Array.isArray(keys) ? keys : [keys];
    if (batch.length === 0) continue;
    const owners = await c.mGet(batch);
    batch.forEach((k, i) => {
      const iso = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)/.exec(k)?.[1];
      if (iso && owners[i]) slots.push({ at: Date.parse(iso), owner: owners[i]! });
    });
  }
  await c.close();
  const before = new Set(slots.filter((s) => s.at < killedAt && s.at > killedAt - 30_000).map((s) => s.owner));
  const after = new Set(slots.filter((s) => s.at > killedAt + 1_000).map((s) => s.owner));
  const killed = [...before].find((o) => !after.has(o));
  const lastKilled = Math.max(...slots.filter((s) => s.owner === killed).map((s) => s.at));
  const firstAfter = Math.min(...slots.filter((s) => s.at > killedAt).map((s) => s.at));
  return {
    ownersBefore: before.size,
    ownersAfter: after.size,
    firstSlotAfterKillS: (firstAfter - killedAt) / 1000,
    killedOwnerLastSlotS: (lastKilled - killedAt) / 1000,
    slots: slots.length,
  };
}
