// Charts are drawn when their message is sent, not when it is queued: the outbox keeps only the
// request (queued messages are JSON documents), and a chart drawn at send time shows the data the
// digest was built from. A chart that cannot be drawn never holds its digest back.
import type { ChartPicture, ChartRequest, Sender } from '../core/outbound.ts';
import { silentLogger, type Logger } from '../log.ts';

export type ChartDrawer = (req: ChartRequest) => Promise<ChartPicture>;

/** The sender with charts drawn on the way out (OutboundMessage.chart); other messages pass unchanged. */
export function withCharts(sender: Sender, draw: ChartDrawer, log: Logger = silentLogger): Sender {
  return {
    platform: sender.platform,
    async send(message) {
      const image = message.body.image;
      if (image?.kind !== 'chart') return sender.send(message);
      let chart: ChartPicture | undefined;
      try {
        chart = await draw(image.chart);
      } catch (e) {
        log.warn({ chat: message.to, err: (e as Error).message }, 'could not draw the digest chart; sending the digest without it');
      }
      return sender.send(chart ? { ...message, chart } : message);
    },
  };
}
