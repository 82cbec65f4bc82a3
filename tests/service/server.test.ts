import { afterEach, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { ServiceServer } from '../../src/service/server.ts';
import { MetricsRegistry, RaqibMetrics } from '../../src/service/metrics.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox } from '../../src/delivery/outbox.ts';
import { DeliveryPump } from '../../src/delivery/pump.ts';
import { partsCheck, storeCheck } from '../../src/service/checks.ts';
import { renderIds } from '../delivery/helpers.ts';

describe('service server', () => {
  let server: ServiceServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(s: ServiceServer): Promise<string> {
    server = s;
    const port = await s.listen();
    return `http://127.0.0.1:${port}`;
  }

  it('answers /healthz with every check, 503 when one fails or hangs', async () => {
    let storeUp = true;
    const base = await start(
      new ServiceServer({
        port: 0,
        host: '127.0.0.1',
        checkTimeoutMs: 200,
        checks: { store: async () => storeUp, jobs: async () => ({ ok: true, detail: { tasks: 3 } }) },
      }),
    );
    let r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, checks: { store: { ok: true }, jobs: { ok: true, detail: { tasks: 3 } } } });
    storeUp = false;
    r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(503);
    expect(((await r.json()) as { checks: Record<string, { ok: boolean; error?: string }> }).checks.store).toEqual({ ok: false });
    server!.addCheck('slow', () => new Promise(() => {}));
    storeUp = true;
    r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(503);
    expect(((await r.json()) as { checks: Record<string, { ok: boolean; error?: string }> }).checks.slow!.error).toMatch(/no answer within 200 ms/);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('serves Prometheus text with counters, labels escaped, and gauges read at scrape time', async () => {
    const m = new RaqibMetrics();
    m.sent.inc({ platform: 'telegram', kind: 'alert' }, 3);
    m.matches.inc({ topic: 'us-"strikes"\n' });
    let depth = 7;
    m.registry.onCollect(() => m.queueDepth.set(depth));
    const base = await start(new ServiceServer({ port: 0, host: '127.0.0.1', metrics: m.registry }));
    const r = await fetch(`${base}/metrics`);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await r.text();
    expect(text).toContain('# TYPE raqib_messages_sent_total counter\n');
    expect(text).toContain('raqib_messages_sent_total{platform="telegram",kind="alert"} 3\n');
    expect(text).toContain('raqib_matches_total{topic="us-\\"strikes\\"\\n"} 1\n');
    expect(text).toContain('raqib_outbox_queue_depth 7\n');
    depth = 2;
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('raqib_outbox_queue_depth 2\n');
    // Every sample line is "name{labels} value".
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^[a-z_:]+(\{.*\})? -?[0-9.e+]+$|NaN$/i);
  });

  it('hands mounted prefixes the raw request, longest prefix first, and 404s the rest', async () => {
    const seen: string[] = [];
    const base = await start(new ServiceServer({ port: 0, host: '127.0.0.1' }));
    server!.mount('/slack', (_req, res) => void res.end('slack-root'));
    server!.mount('/slack/events', async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const ch of req) chunks.push(ch as Buffer);
      seen.push(`${req.method} ${req.url} ${Buffer.concat(chunks).toString()}`);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    server!.mount('/telegram/webhook', () => {
      throw new Error('boom');
    });
    expect(() => server!.mount('/metrics', () => {})).toThrow(/reserved/);
    expect(() => server!.mount('/slack', () => {})).toThrow(/already/);
    expect(() => server!.mount('slack', () => {})).toThrow(/prefix/);
    const r = await fetch(`${base}/slack/events?x=1`, { method: 'POST', body: 'token=abc&text=%2Fdigest' });
    expect(await r.text()).toBe('ok');
    expect(seen).toEqual(['POST /slack/events?x=1 token=abc&text=%2Fdigest']);
    expect(await (await fetch(`${base}/slack/other`)).text()).toBe('slack-root');
    expect((await fetch(`${base}/slackish`)).status).toBe(404);
    expect((await fetch(`${base}/telegram/webhook`, { method: 'POST' })).status).toBe(500);
  });

  it('keeps serving when a metrics collector fails', async () => {
    const reg = new MetricsRegistry();
    reg.counter('x_total', 'x').inc();
    reg.onCollect(() => {
      throw new Error('store down');
    });
    const base = await start(new ServiceServer({ port: 0, host: '127.0.0.1', metrics: reg }));
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('x_total 1\n');
    expect(text).toContain('raqib_metrics_collect_failures 1\n');
  });
});

for (const c of storeCases) {
  describe.skipIf(c.skip)(`health and queue depth over ${c.name}`, () => {
    it('reports the store and the outbox as they are', async () => {
      const opened = await c.open();
      const outbox = new Outbox({ backend: await openOutboxBackend(opened.store), articles: { getMany: async () => [] }, makeAlertMessages: renderIds });
      await outbox.enqueue(
        { platform: 'telegram', chat: '1' },
        [
          { format: 'text', text: 'a' },
          { format: 'text', text: 'b' },
        ],
        { key: 'k' },
      );
      const m = new RaqibMetrics();
      m.registry.onCollect(async () => m.queueDepth.set(await outbox.queueDepth()));
      // A pump with no sender for the chat's platform: it turns, but sends nothing.
      const pump = new DeliveryPump({ outbox, senders: {}, pollMs: 50 });
      const server = new ServiceServer({
        port: 0,
        host: '127.0.0.1',
        metrics: m.registry,
        checks: { store: storeCheck(opened.store), jobs: partsCheck({ pump }) },
      });
      const base = `http://127.0.0.1:${await server.listen()}`;
      try {
        expect((await fetch(`${base}/healthz`)).status).toBe(503);
        await pump.start();
        const ok = await fetch(`${base}/healthz`);
        expect(ok.status).toBe(200);
        const body = (await ok.json()) as { checks: { store: { detail: { kind: string } }; jobs: { detail: { pump: { ok: boolean } } } } };
        expect(body.checks.store.detail.kind).toBe(c.name);
        expect(body.checks.jobs.detail.pump.ok).toBe(true);
        expect(await (await fetch(`${base}/metrics`)).text()).toContain('raqib_outbox_queue_depth 2\n');
        await pump.stop(500);
        expect((await fetch(`${base}/healthz`)).status).toBe(503);
        await opened.cleanup();
        const r = await fetch(`${base}/healthz`);
        expect(r.status).toBe(503);
        expect(((await r.json()) as { checks: Record<string, { ok: boolean; error?: string }> }).checks.store!.ok).toBe(false);
      } finally {
        await server.close();
      }
    });
  });
}
