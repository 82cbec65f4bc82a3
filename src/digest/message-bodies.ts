// A digest as outbox message bodies for one platform (src/core/outbound.ts). Scheduled senders
// skip empty digests before calling this; on-demand callers post the "nothing new" body it gives.
import type { MessageBody, PlatformName } from '../core/outbound.ts';
import { renderSlack } from './render-slack.ts';
import { renderTelegram } from './render-telegram.ts';
import { renderText } from './render-text.ts';
import type { Digest } from './types.ts';

export function toMessageBodies(d: Digest, platform: PlatformName): MessageBody[] {
  switch (platform) {
    case 'telegram':
      return renderTelegram(d).map((html) => ({ format: 'telegram-html', html, disablePreview: true }));
    case 'slack':
      return renderSlack(d).map((m) => ({ format: 'slack', text: m.text, blocks: m.blocks }));
    default:
      return [{ format: 'text', text: renderText(d) }];
  }
}
