// Sends what the outbox holds: claim → (wait for the platform's global rate) → mark "sending" →
// send → mark the outcome. One message per chat is in flight at a time, so each chat keeps its
// order, and each step is one compare-and-set of the chat's document, so two processes never
// send the same message while both are alive.
//
// The one unavoidable gap: if the process dies after the platform accepted a message and before
// the outcome is written, nobody can know whether it arrived (Telegram and Slack take no
// idempotency key). The next owner finds the claim with `sendingAt` set, marks the message
// `inDoubt`, counts it (raqib_messages_in_doubt_total) and sends it again: a rare duplicate is
// better than a lost alert. The gap is one platform round trip plus one store write. Finding and
// taking over dead senders' claims is pump-recovery.ts's. A live sender meets the same doubt when
// a send gets no answer (a timeout, a connection dropped after the request went out): the
// message is counted in doubt the same way and tried again.
import { randomBytes } from 'node:crypto';
import type { OutboundMessage, PlatformName, Sender, SendOutcome } from '../core/outbound.ts';
import { toRaqibError, type ErrorCode } from '../core/errors.ts';
import type { Outbox } from './outbox.ts';
import { chatReadyAt, DEFAULT_RETRY, globalIntervalMs, trimSends, type RetryPolicy } from './limits.ts';
import { applyFailure } from './failed-send.ts';
import type { ChatDoc, QueuedMessage } from './types.ts';
import type { Versioned } from './backend.ts';
import { recordReply } from './follow-ups.ts';
import { forEachChatOfDeadOwner, reportInDoubt, startHeartbeat, takeOverClaim, type InDoubt } from './pump-recovery.ts';
import { countSent } from './send-metrics.ts';

export interface PumpOptions {
  outbox: Outbox;
  senders: Partial<Record<PlatformName, Sender>>;
  retry?: RetryPolicy;
  /** Messages in flight at once in this process (each to a different chat). */
  maxInFlight?: number;
  /** How long a claim holds; senders must time out well within it (default 60 s). */
  leaseMs?: number;
  /** An owner whose heartbeat is older than this is dead and its claims are taken over (15 s). */
  livenessMs?: number;
  /** How often to look for work other processes added (ms). */
  pollMs?: number;
  /** The clock (ms); the outbox's by default, so that tests can drive both with one clock. */
  now?: () => number;
  /** This process's id in claims (default: random). */
  owner?: string;
}

type Claimed = { msg: QueuedMessage; doc: ChatDoc; version: number };

export class DeliveryPump {
  readonly owner: string;
  private readonly o: Required<Omit<PumpOptions, 'owner'>>;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly cooldown = new Map<string, number>();
  private readonly stopWaiters = new Set<() => void>();
  private readonly nextDeparture = new Map<PlatformName, number>();
  private running = false;
  private lastLoopAt = 0;
  private stopping = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;
  /** The last failed look for dead owners' claims, until one succeeds (shown in /healthz). */
  private recoverError: { code: ErrorCode; message: string; at: string } | undefined;
  private readonly now: () => number;

  constructor(opts: PumpOptions) {
    this.owner = opts.owner ?? `p${process.pid}-${randomBytes(4).toString('hex')}`;
    this.now = opts.now ?? opts.outbox.now;
    // `retry: undefined` (open-delivery passes the setting through) must not replace the default:
    // a 429 then crashed the delivery step (found by the scale bench).
    this.o = { maxInFlight: 16, leaseMs: 60_000, livenessMs: 15_000, pollMs: 500, now: this.now, ...opts, retry: opts.retry ?? DEFAULT_RETRY } as Required<
      Omit<PumpOptions, 'owner'>
    >;
  }

  private get outbox(): Outbox {
    return this.o.outbox;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    await this.outbox.backend.heartbeat(this.owner, this.o.livenessMs);
    const beat = startHeartbeat(this.outbox, this.owner, this.o.livenessMs);
    const recover = setInterval(() => void this.recoverLogged(), Math.max(100, this.o.livenessMs));
    recover.unref();
    this.timers = [beat, recover];
    this.unsubscribe = this.outbox.onWork(() => this.kick());
    await this.recover();
    this.loopDone = this.loop();
  }

  /** Wakes the loop now (new work, a finished send). */
  kick(): void {
    const w = this.wakeUp;
    this.wakeUp = undefined;
    w?.();
  }

  /** Waits for in-flight sends (up to timeoutMs); claims not yet sending are released. */
  async stop(timeoutMs = 10_000): Promise<{ unfinished: number }> {
    if (!this.running) return { unfinished: 0 };
    this.running = false;
    this.stopping = true;
    this.kick();
    for (const w of [...this.stopWaiters]) w();
    for (const t of this.timers) clearInterval(t);
    this.unsubscribe?.();
    await this.loopDone;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inflight.values()]), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    const unfinished = this.inflight.size;
    // Retiring lets another instance take over at once whatever is still unfinished here.
    await this.outbox.backend.retire(this.owner).catch((e: unknown) => {
      const err = toRaqibError(e, 'DELIVERY_QUEUE', 'retire');
      this.outbox.log.warn({ code: err.code, err }, 'could not retire this sender; its claims expire with their lease');
    });
    return { unfinished };
  }

  /** For /healthz: the loop is turning (it wakes at least every pollMs). */
  health(): { ok: boolean; inFlight: number; lastLoopAt?: string; recoverError?: { code: ErrorCode; message: string; at: string } } {
    const fresh = this.now() - this.lastLoopAt < Math.max(10_000, 5 * this.o.pollMs);
    return {
      ok: this.running && fresh && !this.recoverError,
      inFlight: this.inflight.size,
      ...(this.lastLoopAt ? { lastLoopAt: new Date(this.lastLoopAt).toISOString() } : {}),
      ...(this.recoverError ? { recoverError: this.recoverError } : {}),
    };
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.lastLoopAt = this.now();
      let started = 0;
      try {
        const free = this.o.maxInFlight - this.inflight.size;
        if (free > 0) {
          const now = this.now();
          for (const [k, until] of this.cooldown) if (until <= now) this.cooldown.delete(k);
          const keys = await this.outbox.backend.due(now, free + this.inflight.size + this.cooldown.size);
          for (const k of keys) {
            if (started >= free) break;
            if (this.inflight.has(k) || (this.cooldown.get(k) ?? 0) > now) continue;
            this.cooldown.delete(k);
            this.launch(k);
            started++;
          }
        }
        if (started === 0) await this.sleep(await this.nextWait());
      } catch (e) {
        const err = toRaqibError(e, 'DELIVERY_QUEUE', 'outbox loop');
        this.outbox.log.error({ code: err.code, err }, 'outbox loop failed; retrying');
        await this.sleep(1000);
      }
    }
  }

  private launch(chatKey: string): void {
    const p = this.processChat(chatKey)
      .then((progressed) => {
        // A chat that was due but could not move (a live claim elsewhere, a missing sender) is left
        // alone for a poll interval instead of being read again in a tight loop.
        if (!progressed) this.cooldown.set(chatKey, this.now() + this.o.pollMs);
      })
      .catch((e) => {
        const err = toRaqibError(e, 'DELIVERY_QUEUE', 'delivery step');
        this.outbox.log.error({ chat: chatKey, code: err.code, err }, 'delivery step failed');
        this.cooldown.set(chatKey, this.now() + 1000);
      })
      .finally(() => {
        this.inflight.delete(chatKey);
        this.kick();
      });
    this.inflight.set(chatKey, p);
  }

  /**
   * Spaces this process's departures by the platform interval at the moment of sending. The shared
   * reservation (reserveRate) plans the slots; this gate keeps a stall of the event loop, after
   * which several planned sends would wake together, from turning into a burst.
   */
  private async departure(platform: PlatformName, interval: number): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.nextDeparture.get(platform) ?? 0);
    this.nextDeparture.set(platform, at + interval);
    if (at > now) await new Promise((r) => setTimeout(r, Math.ceil(at - now)));
  }

  /** Sleeps, but wakes early when stop() is called (waiting claims are then released). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.stopWaiters.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.stopWaiters.add(done);
    });
  }

  private async nextWait(): Promise<number> {
    if (this.inflight.size >= this.o.maxInFlight) return this.o.pollMs;
    const next = await this.outbox.backend.nextDue();
    if (next === undefined) return this.o.pollMs;
    return Math.min(this.o.pollMs, Math.max(5, next - this.now()));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  /** The periodic recover: a failure is logged with its code and shown in health until one succeeds. */
  private async recoverLogged(): Promise<void> {
    try {
      await this.recover();
      this.recoverError = undefined;
    } catch (e) {
      const err = toRaqibError(e, 'DELIVERY_QUEUE', 'recover');
      this.recoverError = { code: err.code, message: err.message, at: new Date(this.now()).toISOString() };
      this.outbox.log.error({ code: err.code, err }, 'could not look for claims of dead senders; trying again');
    }
  }

  /** Works on the chats whose claim belongs to a dead owner. */
  private async recover(): Promise<void> {
    await forEachChatOfDeadOwner(this.outbox, this.owner, this.o.leaseMs, this.now(), {
      busy: (k) => this.inflight.has(k),
      take: (k) => this.launch(k),
    });
  }

  /** One step for one chat. Returns whether anything moved. */
  private async processChat(chatKey: string): Promise<boolean> {
    await this.outbox.prepare(chatKey);
    const claimed = await this.claim(chatKey);
    if (!claimed) return false;
    const { msg, doc } = claimed;
    const platform = doc.to.platform;
    const interval = globalIntervalMs(this.outbox.limits[platform]);
    if (interval) {
      const wait = await this.outbox.backend.reserveRate(platform, interval);
      if (wait > 0) await this.pause(wait);
    }
    if (this.stopping) {
      await this.release(chatKey, msg.id);
      return true;
    }
    const marked = await this.outbox.update(
      chatKey,
      undefined,
      (d, now) => {
        if (d.claim?.owner !== this.owner || d.claim.msgId !== msg.id) return null;
        d.claim.sendingAt = now;
        d.sends = trimSends([...d.sends, now], this.outbox.limits[platform], now);
        return { doc: d };
      },
      { version: claimed.version, doc },
    );
    if (!marked?.ok || !marked.doc) return true;
    const outbound: OutboundMessage = {
      to: { ...doc.to, ...(msg.thread ? { thread: msg.thread } : {}) },
      body: msg.body,
      ...(msg.replyTo ? { replyTo: msg.replyTo } : {}),
    };
    if (interval) await this.departure(platform, interval);
    let outcome: SendOutcome;
    try {
      outcome = await this.o.senders[platform]!.send(outbound);
    } catch (e) {
      // The boundary of a delivery attempt: a sender should answer with an outcome; a throw is
      // coded once here and retried like any transient failure.
      const err = toRaqibError(e, 'INTERNAL', 'sender threw');
      this.outbox.log.warn({ chat: chatKey, messageId: msg.id, code: err.code, err }, 'sender threw instead of answering');
      outcome = { ok: false, kind: 'transient', error: `${err.code}: ${err.message}` };
    }
    await this.finish(chatKey, platform, msg, outcome, { version: marked.version, doc: marked.doc });
    return true;
  }

  private async claim(chatKey: string): Promise<Claimed | undefined> {
    let claimed: Omit<Claimed, 'version'> | undefined;
    let doubted: InDoubt | undefined;
    const res = await this.outbox.update(chatKey, undefined, async (doc, now) => {
      claimed = undefined;
      doubted = undefined;
      const taken = await takeOverClaim(this.outbox, chatKey, doc, this.owner, now);
      if (taken === 'held') return null;
      const changed = taken.freed;
      doubted = taken.doubted;
      const head = doc.queue[0];
      if (!head || head.notBefore > now || chatReadyAt(doc, this.outbox.limits) > now) return changed ? { doc } : null;
      if (!this.o.senders[doc.to.platform]) {
        this.outbox.log.warn({ chat: doc.to }, `no ${doc.to.platform} sender in this process; holding its messages`);
        doc.pausedUntil = now + 60_000;
        return { doc };
      }
      doc.claim = { owner: this.owner, msgId: head.id, until: now + this.o.leaseMs };
      claimed = { msg: head, doc };
      return { doc };
    });
    const d = doubted as InDoubt | undefined;
    if (d) reportInDoubt(this.outbox, chatKey, d);
    const got = claimed as Omit<Claimed, 'version'> | undefined;
    return got && res?.ok ? { ...got, version: res.version } : undefined;
  }

  private async release(chatKey: string, msgId: string): Promise<void> {
    await this.outbox.update(chatKey, undefined, (d) => {
      if (d.claim?.owner !== this.owner || d.claim.msgId !== msgId) return null;
      d.claim = undefined;
      return { doc: d };
    });
  }

  private async finish(chatKey: string, platform: PlatformName, msg: QueuedMessage, outcome: SendOutcome, known: Versioned<ChatDoc>): Promise<void> {
    const m = this.outbox.metrics;
    let failed: 'dead' | 'doubt' | 'retry' | undefined;
    let sentAt = 0;
    const res = await this.outbox.update(
      chatKey,
      undefined,
      async (doc, now) => {
        failed = undefined;
        if (doc.claim?.owner !== this.owner || doc.claim.msgId !== msg.id) return null;
        doc.claim = undefined;
        // The chat's gap counts from the answer, not the request: the request has surely arrived by
        // then, so a stall between deciding and sending can never bunch two messages to one chat.
        if (doc.sends.length > 0) doc.sends[doc.sends.length - 1] = now;
        const q = doc.queue.find((x) => x.id === msg.id);
        if (!q) return { doc };
        if (outcome.ok) {
          sentAt = now;
          // In the write that marks it sent: where this chat's follow-ups to these stories reply.
          if (outcome.id) recordReply(doc, q.keys, outcome.id, now);
          doc.queue = doc.queue.filter((x) => x.id !== msg.id);
          return { doc };
        }
        failed = await applyFailure(this.outbox, doc, q, outcome, this.o.retry, now);
        return { doc };
      },
      known,
    );
    if (!outcome.ok) this.outbox.log.info({ chat: chatKey, messageId: msg.id, kind: outcome.kind, error: outcome.error }, 'send failed');
    if (res === null) {
      this.outbox.log.warn({ chat: chatKey, messageId: msg.id }, 'claim lost during a send (it outlived its lease); the outcome was not recorded');
      return;
    }
    const f = failed as 'dead' | 'doubt' | 'retry' | undefined;
    if (outcome.ok) countSent(m, platform, msg, sentAt);
    else if (outcome.kind === 'rateLimited') m?.rateLimited.inc({ platform });
    if (f === 'dead') m?.dead.inc({ platform });
    else if (!outcome.ok && outcome.kind !== 'permanent') m?.retried.inc({ platform, reason: outcome.kind === 'rateLimited' ? 'rate_limited' : 'transient' });
    if (f === 'doubt') reportInDoubt(this.outbox, chatKey, { platform, msg: msg.id }, 'its send got no answer');
  }
}
