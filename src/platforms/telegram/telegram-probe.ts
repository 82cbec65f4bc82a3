// Does Telegram accept this token? getMe, once (`raqib check --online`).
import { Telegraf } from 'telegraf';
import { telegramError } from './telegram-sender.ts';

export type ProbeResult = { ok: true; who: string } | { ok: false; code: string; reason: string };

export async function probeTelegram(token: string, apiRoot: string): Promise<ProbeResult> {
  try {
    const me = await new Telegraf(token, { telegram: { apiRoot } }).telegram.getMe();
    return { ok: true, who: `@${me.username}` };
  } catch (err) {
    const e = telegramError(err, 'getMe');
    return { ok: false, code: e.code, reason: e.message };
  }
}
