// What a message the platform accepted adds to /metrics. Apart from the pump so that the pump stays
// about sending.
import type { PlatformName } from '../core/outbound.ts';
import type { RaqibMetrics } from '../service/metrics.ts';
import type { QueuedMessage } from './types.ts';

/** The send itself, the latency of the alert items it is the first to carry, a follow-up's threading. */
export function countSent(m: RaqibMetrics | undefined, platform: PlatformName, msg: QueuedMessage, sentAt: number): void {
  if (!m) return;
  m.sent.inc({ platform, kind: msg.kind });
  if (msg.published && sentAt > 0) m.alertSent(msg.published, sentAt, platform);
  if (msg.kind === 'followUp') m.followUpsSent.inc({ platform, threaded: msg.replyTo ? 'yes' : 'no' });
}
