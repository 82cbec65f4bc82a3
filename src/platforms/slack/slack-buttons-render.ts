// A reply's Slack messages with their buttons: a digest's stories carry 👍 / 👎 / Why? and the
// topics' "Mute 6h" (src/digest/story-buttons.ts); the reply's own rows (Reply.buttons) follow the
// last message as one actions block each. Payloads are sealed first (button-codec.ts).
import type { Reply } from '../../../commands/types.ts';
import { sealAll, type ButtonCodec } from '../../core/button-codec.ts';
import { renderSlack, slackActions } from '../../digest/render-slack.ts';
import { digestActions } from '../../digest/story-buttons.ts';
import { replyToSlack, type SlackDigestRenderer, type SlackMessage } from './slack-text.ts';

export async function slackReplyParts(deps: { buttons?: ButtonCodec; renderDigest?: SlackDigestRenderer }, reply: Reply): Promise<SlackMessage[]> {
  const codec = deps.buttons;
  let render = deps.renderDigest;
  if (!render && codec && reply.digest && !reply.digest.empty) {
    const seal = await sealAll(codec, digestActions(reply.digest));
    render = (d) => renderSlack(d, seal);
  }
  const parts = replyToSlack(reply, render);
  const rows = reply.buttons ?? [];
  if (!codec || rows.length === 0 || parts.length === 0) return parts;
  const seal = await sealAll(
    codec,
    rows.flatMap((r) => r.map((b) => b.action)),
  );
  const last = parts[parts.length - 1]!;
  // A plain reply has no blocks yet: its text becomes a plain_text section so the buttons can follow
  // it. plain_text is shown as written (no links, mentions or entities), so the escaping goes.
  const plain = last.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const blocks = last.blocks ?? [{ type: 'section', text: { type: 'plain_text', text: plain, emoji: false } }];
  parts[parts.length - 1] = { ...last, blocks: [...blocks, ...rows.map((r) => slackActions(r, seal))] };
  return parts;
}
