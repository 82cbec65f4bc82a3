// A digest as outbox message bodies for one platform (src/core/outbound.ts). Scheduled digests
// with nothing new are not posted: `scheduled: true` gives no bodies for an empty digest, while an
// on-demand request gets the "nothing new" message. With a Sealer, stories carry their buttons.
import type { MessageBody, PlatformName } from '../core/outbound.ts';
import { renderSlack } from './render-slack.ts';
import { renderTelegramMessages } from './render-telegram.ts';
import type { Sealer } from '../core/buttons.ts';
import { renderText } from './render-text.ts';
import type { Digest } from './types.ts';

export function toMessageBodies(d: Digest, platform: PlatformName, opts: { scheduled?: boolean; seal?: Sealer } = {}): MessageBody[] {
  if (d.empty && opts.scheduled) return [];
  switch (platform) {
    case 'telegram':
      return renderTelegramMessages(d, opts.seal).map((m) => ({
        format: 'telegram-html',
        html: m.html,
        disablePreview: true,
        ...(m.keyboard && m.keyboard.length > 0 ? { keyboard: m.keyboard } : {}),
      }));
    case 'slack':
      return renderSlack(d, opts.seal).map((m) => ({ format: 'slack', text: m.text, blocks: m.blocks }));
    default:
      return [{ format: 'text', text: renderText(d) }];
  }
}
