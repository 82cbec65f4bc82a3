// The pump never swallows a failure: a failed look for dead senders' claims is logged with its code
// and shown in health until a look succeeds. The pump runs on the clock it is given.
import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { storeCases } from '../helpers/stores.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryPump } from '../../src/delivery/pump.ts';
import type { OutboxBackend } from '../../src/delivery/backend.ts';
import { createLogger } from '../../src/log.ts';
import { fastLimits, RecordingSender, renderIds, waitFor } from './helpers.ts';

const sqlite = storeCases.find((c) => c.name === 'sqlite')!;

describe('delivery pump health', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  async function setup() {
    const opened = await sqlite.open();
    const real = await openOutboxBackend(opened.store);
    const broken = { due: false };
    // The real backend whose `due` fails on demand, as a store outage would make it.
    const backend = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'due' && broken.due) return async () => Promise.reject(new Error('store went away'));
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as OutboxBackend;
    const lines: Record<string, unknown>[] = [];
    const sink = new PassThrough();
    sink.on('data', (b: Buffer) => {
      for (const l of b.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
    });
    let clock = Date.parse('2026-03-01T12:00:00Z');
    const outbox = new Outbox({
      backend,
      articles: { getMany: async () => [] },
      makeAlertMessages: renderIds,
      limits: fastLimits,
      log: createLogger('debug', sink),
      now: () => clock,
    });
    const pump = new DeliveryPump({ outbox, senders: { telegram: new RecordingSender() }, pollMs: 20, livenessMs: 100 });
    stop = async () => {
      await pump.stop(500);
      await opened.cleanup();
    };
    return { pump, broken, lines, tick: (ms: number) => (clock += ms) };
  }

  it('logs a failed recover with its code and reports it in health until a recover succeeds', async () => {
    const { pump, broken, lines } = await setup();
    await pump.start();
    expect(pump.health()).toMatchObject({ ok: true });
    broken.due = true;
    await waitFor(() => pump.health().recoverError !== undefined, 3000, 'a failed recover in health');
    expect(pump.health()).toMatchObject({ ok: false, recoverError: { code: 'DELIVERY_QUEUE', message: 'recover: store went away' } });
    const logged = lines.find((l) => l.msg === 'could not look for claims of dead senders; trying again');
    expect(logged).toMatchObject({ level: 50, code: 'DELIVERY_QUEUE' });
    broken.due = false;
    await waitFor(() => pump.health().recoverError === undefined, 3000, 'a successful recover');
    expect(pump.health().ok).toBe(true);
  });

  it('reads time from the clock it is given (the outbox clock by default)', async () => {
    const { pump, tick } = await setup();
    await pump.start();
    await waitFor(() => pump.health().lastLoopAt === '2026-03-01T12:00:00.000Z', 3000, 'a loop turn on the given clock');
    tick(3_600_000);
    await waitFor(() => pump.health().lastLoopAt === '2026-03-01T13:00:00.000Z', 3000, 'a loop turn an hour later');
  });
});
