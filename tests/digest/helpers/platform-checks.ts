// Platform rule checks for rendered digests. Telegram goes through the shared parse_mode validator
// (tests/fakes/telegram-html.ts, a port of tdlib's parser); Slack through the shared Block Kit
// limits (tests/fakes/slack-limits.ts), plus a stricter rule of ours: every `<…>` in mrkdwn is one
// of our links to an article URL.
import { checkTelegramText } from '../../fakes/telegram-html.ts';
import { checkSlackMessage, mrkdwnHazards } from '../../fakes/slack-limits.ts';

const ALLOWED_TELEGRAM_ENTITIES = new Set(['bold', 'italic', 'text_link']);

/** Problems with one Telegram HTML message; empty when Telegram would accept it as intended. */
export function telegramProblems(html: string, allowedUrls?: ReadonlySet<string>): string[] {
  const r = checkTelegramText(html, 'HTML');
  if (!r.ok) return [r.description];
  const problems = r.warnings.map((w) => `warning: ${w}`);
  for (const e of r.entities) {
    if (!ALLOWED_TELEGRAM_ENTITIES.has(e.type)) problems.push(`unexpected entity ${e.type}`);
    if (e.type === 'text_link') {
      if (!/^https?:\/\//.test(e.url ?? '')) problems.push(`non-http link ${e.url}`);
      if (allowedUrls && !allowedUrls.has(e.url!)) problems.push(`link to ${e.url} that no article has`);
    }
  }
  return problems;
}

/** Ours, stricter than Slack's per-block limits: bolt-js#2509 saw msg_blocks_too_long near 13,000. */
const MESSAGE_BLOCK_CHARS = 13_000;

interface TextObject {
  type: string;
  text: string;
}

function textsOf(block: Record<string, unknown>): TextObject[] {
  const out: TextObject[] = [];
  if (block.text) out.push(block.text as TextObject);
  if (Array.isArray(block.elements)) for (const e of block.elements) if (e && typeof e === 'object' && 'text' in e) out.push(e as TextObject);
  if (Array.isArray(block.fields)) out.push(...(block.fields as TextObject[]));
  return out;
}

/**
 * Every `<…>` control sequence in mrkdwn must be one of our links to an article URL: no special
 * mentions, user/channel/group mentions, or links whose URL came from feed text.
 */
export function slackMrkdwnProblems(text: string, allowedUrls?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/<([^>]*)>?/g)) {
    const inner = m[1] ?? '';
    const link = /^(https?:\/\/[^|\s<>]+)\|[^<>]*$/.exec(inner);
    if (!m[0].endsWith('>') || !link) {
      problems.push(`control sequence ${JSON.stringify(m[0].slice(0, 60))}`);
      continue;
    }
    const url = link[1]!.replace(/&amp;/g, '&');
    if (allowedUrls && !allowedUrls.has(url)) problems.push(`link to ${url} that no article has`);
  }
  // A bare & must be the start of one of the three entities Slack decodes.
  for (const m of text.matchAll(/&(?!amp;|lt;|gt;)/g)) problems.push(`bare & at ${m.index}`);
  return problems;
}

/** Problems with one Slack message payload (Slack's limits, hazards, and our escaping rule). */
export function slackProblems(msg: { text: string; blocks: unknown[] }, allowedUrls?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const r = checkSlackMessage(msg, { requireFallbackText: true });
  if (!r.ok) problems.push(`${r.error}: ${r.errors.join('; ')}`);
  problems.push(...r.warnings.filter((w) => w !== 'text_longer_than_advised'));
  problems.push(...slackMrkdwnProblems(msg.text, allowedUrls).map((p) => `fallback: ${p}`));
  if (JSON.stringify(msg.blocks).length > MESSAGE_BLOCK_CHARS) problems.push('blocks too long');
  msg.blocks.forEach((raw, i) => {
    const b = raw as Record<string, unknown>;
    if (b.type === 'header' && (b.text as TextObject).type !== 'plain_text') problems.push(`block ${i}: header is not plain_text`);
    for (const t of textsOf(b)) {
      if (t.type !== 'mrkdwn') continue;
      problems.push(...slackMrkdwnProblems(t.text, allowedUrls).map((p) => `block ${i}: ${p}`));
      problems.push(...mrkdwnHazards(t.text).map((h) => `block ${i}: ${h}`));
    }
  });
  return problems;
}

/** Characters that must never reach a chat from feed text. */
export const SPOOFING = /[\u202a-\u202e\u2066\u2067\u200b\u2060\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
