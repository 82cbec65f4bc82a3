// Does Slack accept this token? auth.test, once (`raqib check --online`).
import type { ProbeResult } from '../telegram/telegram-probe.ts';
import { createSlackWebClient, slackError } from './slack-sender.ts';

export async function probeSlack(token: string, apiUrl: string): Promise<ProbeResult> {
  try {
    const r = await createSlackWebClient(token, apiUrl, 10_000).auth.test();
    return { ok: true, who: `${String(r.user ?? 'bot')} in ${String(r.team ?? 'workspace')}` };
  } catch (err) {
    const e = slackError(err, 'auth.test');
    return { ok: false, code: e.code, reason: e.message };
  }
}
