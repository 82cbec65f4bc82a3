// Platform rule checks for rendered digests. Telegram goes through the shared parse_mode validator
// (tests/fakes/telegram-html.ts, a port of tdlib's parser); Slack limits and mrkdwn control
// sequences are checked here (switch to tests/fakes/slack-limits.ts once it exists).
import { checkTelegramText } from '../../fakes/telegram-html.ts';

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

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, contextElements: 10, messageChars: 13_000 };

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

/** Problems with one Slack message payload (limits and escaping). */
export function slackProblems(msg: { text: string; blocks: unknown[] }, allowedUrls?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!msg.text || msg.text.trim() === '') problems.push('empty fallback text');
  problems.push(...slackMrkdwnProblems(msg.text, allowedUrls).map((p) => `fallback: ${p}`));
  if (msg.blocks.length > SLACK_LIMITS.blocks) problems.push(`${msg.blocks.length} blocks`);
  if (JSON.stringify(msg.blocks).length > SLACK_LIMITS.messageChars) problems.push('blocks too long');
  msg.blocks.forEach((raw, i) => {
    const b = raw as Record<string, unknown>;
    if (b.type === 'header') {
      const t = b.text as TextObject;
      if (t.type !== 'plain_text') problems.push(`block ${i}: header is ${t.type}`);
      if (t.text.length > SLACK_LIMITS.headerText) problems.push(`block ${i}: header ${t.text.length} chars`);
      return;
    }
    if (b.type === 'context' && (b.elements as unknown[]).length > SLACK_LIMITS.contextElements) problems.push(`block ${i}: too many context elements`);
    for (const t of textsOf(b)) {
      if (t.text.length > SLACK_LIMITS.sectionText) problems.push(`block ${i}: text ${t.text.length} chars`);
      if (t.type === 'mrkdwn') problems.push(...slackMrkdwnProblems(t.text, allowedUrls).map((p) => `block ${i}: ${p}`));
    }
  });
  return problems;
}

/** Characters that must never reach a chat from feed text. */
export const SPOOFING = /[\u202a-\u202e\u2066\u2067\u200b\u2060\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
