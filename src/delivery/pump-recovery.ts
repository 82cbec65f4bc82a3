// What a pump does about senders that died: it beats its own heartbeat, looks for chats whose
// claim belongs to a dead owner, and takes such a claim over (a message whose sender died after
// starting the platform call is marked in doubt and sent again). Kept apart from the pump's
// claim → send → mark loop (pump.ts), which then reads as the path of a live sender.
import type { PlatformName } from '../core/outbound.ts';
import type { Outbox } from './outbox.ts';
import type { ChatDoc } from './types.ts';

/** Beats this owner's heartbeat now and then every third of `livenessMs`; returns the timer. */
export function startHeartbeat(outbox: Outbox, owner: string, livenessMs: number): NodeJS.Timeout {
  const beat = setInterval(
    () => {
      outbox.backend.heartbeat(owner, livenessMs).catch((e) => outbox.log.warn({ err: (e as Error).message }, 'outbox heartbeat failed'));
    },
    Math.max(50, livenessMs / 3),
  );
  beat.unref();
  return beat;
}

/**
 * Hands `take` each chat whose claim belongs to another, dead owner, as soon as it is found. Such
 * chats are due only when the lease ends, so the due index is read `leaseMs` ahead; chats this
 * process is working on (`busy`) are passed over.
 */
export async function forEachChatOfDeadOwner(
  outbox: Outbox,
  owner: string,
  leaseMs: number,
  now: number,
  on: { busy: (chatKey: string) => boolean; take: (chatKey: string) => void },
): Promise<void> {
  const keys = await outbox.backend.due(now + leaseMs, 10_000);
  for (const k of keys) {
    if (on.busy(k)) continue;
    const cur = await outbox.backend.read(k);
    const c = cur?.doc.claim;
    if (c && c.owner !== owner && !(await outbox.backend.isAlive(c.owner))) on.take(k);
  }
}

export type InDoubt = { platform: PlatformName; msg: string };

/**
 * Frees `doc`'s claim when its owner is another that died or whose lease ended. 'held' when the
 * claim is this owner's own or still live; otherwise whether it freed one, and the message it
 * marked in doubt.
 */
export async function takeOverClaim(
  outbox: Outbox,
  chatKey: string,
  doc: ChatDoc,
  owner: string,
  now: number,
): Promise<'held' | { freed: boolean; doubted?: InDoubt }> {
  const c = doc.claim;
  if (!c) return { freed: false };
  if (c.owner === owner) return 'held';
  if (c.until > now && (await outbox.backend.isAlive(c.owner))) return 'held';
  doc.claim = undefined;
  outbox.log.debug({ chat: chatKey, from: c.owner, messageId: c.msgId, sending: c.sendingAt !== undefined }, 'taking over a claim');
  const m = doc.queue.find((q) => q.id === c.msgId);
  if (!m || c.sendingAt === undefined) return { freed: true };
  // Its sender died after starting the platform call: it may have arrived.
  m.inDoubt = true;
  return { freed: true, doubted: { platform: doc.to.platform, msg: m.id } };
}

/**
 * Logs and counts a message that is sent again because it may have arrived already: its sender
 * died mid-send (the default), or its send got no answer (pump.ts).
 */
export function reportInDoubt(outbox: Outbox, chatKey: string, d: InDoubt, why = 'its sender died mid-send'): void {
  outbox.log.warn({ chat: chatKey, messageId: d.msg }, `message in doubt: ${why}; sending it again`);
  outbox.metrics?.inDoubt.inc({ platform: d.platform });
}
