// `raqib check --online`: what `start` would meet on the network. Each platform's token is tried
// once (Telegram getMe, Slack auth.test) and the store is opened and pinged; every outcome is one
// line, and the exit code says whether all of them work.
import type { Env } from '../config/env.ts';
import { openStore } from '../store/open-store.ts';
import { probeTelegram, type ProbeResult } from '../platforms/telegram/telegram-probe.ts';
import { probeSlack } from '../platforms/slack/slack-probe.ts';

async function probeStore(env: Env, cwd: string): Promise<ProbeResult> {
  try {
    const store = await openStore(env.RAQIB_STORE, { cwd });
    try {
      await store.ping();
      return { ok: true, who: store.displayUrl };
    } finally {
      await store.close();
    }
  } catch (e) {
    return { ok: false, code: (e as { code?: string }).code ?? 'STORE_UNAVAILABLE', reason: (e as Error).message };
  }
}

/** One line per part tried; ok when every one works. */
export async function checkOnline(env: Env, cwd: string): Promise<{ ok: boolean; lines: string[] }> {
  const parts: [string, Promise<ProbeResult>][] = [['store', probeStore(env, cwd)]];
  if (env.TELEGRAM_BOT_TOKEN) parts.push(['telegram', probeTelegram(env.TELEGRAM_BOT_TOKEN, env.TELEGRAM_API_ROOT)]);
  if (env.SLACK_BOT_TOKEN) parts.push(['slack', probeSlack(env.SLACK_BOT_TOKEN, env.SLACK_API_URL)]);
  const results = await Promise.all(parts.map(async ([name, p]) => [name, await p] as const));
  const lines = results.map(([name, r]) =>
    r.ok ? `  ${name}: ok (${r.who})` : `  ${name}: FAILED ${r.code === 'PLATFORM_AUTH' ? 'auth refused' : r.code}: ${r.reason}`,
  );
  return { ok: results.every(([, r]) => r.ok), lines };
}
