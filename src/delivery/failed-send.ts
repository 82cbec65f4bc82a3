// What a failed send does to its queued message: a refusal goes to the dead letters, a 429 waits
// out its retry-after, anything else backs off and tries again until its tries run out. Apart
// from the pump so that the pump reads as claim → send → mark.
import type { SendFailure } from '../core/outbound.ts';
import type { Outbox } from './outbox.ts';
import { backoffMs, type RetryPolicy } from './limits.ts';
import type { ChatDoc, QueuedMessage } from './types.ts';

/**
 * Applies `outcome` to `q` (in `doc`, inside the write that ends the claim). Returns 'dead' when
 * the message left for the dead letters, 'doubt' when it is sent again although it may have
 * arrived (the send got no answer), 'retry' otherwise.
 */
export async function applyFailure(
  outbox: Outbox,
  doc: ChatDoc,
  q: QueuedMessage,
  outcome: SendFailure,
  r: RetryPolicy,
  now: number,
): Promise<'dead' | 'doubt' | 'retry'> {
  q.lastError = outcome.error;
  const dead = async (error: string) => {
    await toDead(outbox, doc, q, error, now);
    return 'dead' as const;
  };
  if (outcome.kind === 'permanent') return dead(outcome.error);
  if (outcome.kind === 'rateLimited') {
    q.rateLimited = (q.rateLimited ?? 0) + 1;
    if (q.rateLimited > r.maxRateLimited) return dead(`rate limited ${q.rateLimited} times: ${outcome.error}`);
    const until = now + Math.max(0, outcome.retryAfterMs);
    q.notBefore = until;
    doc.pausedUntil = Math.max(doc.pausedUntil ?? 0, until);
    return 'retry';
  }
  q.attempts++;
  if (q.attempts >= r.maxAttempts) return dead(`${q.attempts} tries failed: ${outcome.error}`);
  q.notBefore = now + backoffMs(q.attempts, r);
  if (!outcome.inDoubt) return 'retry';
  // No answer came back: the platform may have taken it, so the next try may repeat it.
  q.inDoubt = true;
  return 'doubt';
}

async function toDead(outbox: Outbox, doc: ChatDoc, q: QueuedMessage, error: string, now: number): Promise<void> {
  // The dead letter is written before the message leaves the queue: a crash in between
  // leaves a dead letter for a message that will be tried again, never a silent loss.
  await outbox.backend.putDead({
    id: q.id,
    to: { ...doc.to, ...(q.thread ? { thread: q.thread } : {}) },
    kind: q.kind,
    keys: q.keys,
    body: q.body,
    ...(q.replyTo ? { replyTo: q.replyTo } : {}),
    attempts: q.attempts + (q.rateLimited ?? 0),
    error,
    createdAt: q.createdAt,
    deadAt: now,
  });
  doc.queue = doc.queue.filter((x) => x.id !== q.id);
  outbox.log.warn({ chat: doc.to, messageId: q.id, error }, 'message moved to the dead letters');
}
