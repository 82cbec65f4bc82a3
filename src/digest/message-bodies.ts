// A digest as outbox message bodies for one platform (src/core/outbound.ts). Scheduled digests
// with nothing new are not posted: `scheduled: true` gives no bodies for an empty digest, while an
// on-demand request gets the "nothing new" message.
import type { MessageBody, PlatformName } from '../core/outbound.ts';
import { renderSlack } from './render-slack.ts';
import { renderTelegram } from './render-telegram.ts';
import { renderText } from './render-text.ts';
import type { Digest } from './types.ts';

export function toMessageBodies(d: Digest, platform: PlatformName, opts: { scheduled?: boolean } = {}): MessageBody[] {
  if (d.empty && opts.scheduled) return [];
  switch (platform) {
    case 'telegram':
      return renderTelegram(d).map((html) => ({ format: 'telegram-html', html, disablePreview: true }));
    case 'slack':
      return renderSlack(d).map((m) => ({ format: 'slack', text: m.text, blocks: m.blocks }));
    default:
      return [{ format: 'text', text: renderText(d) }];
  }
}
