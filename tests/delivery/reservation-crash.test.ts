// A kill between the SQLite outbox's two durable writes (the chat document, then its idempotency
// keys) must not let the same alerts be queued again. The crash test (crash-raqib.test.ts) saw
// this as items inside two different messages: the restarted process sent the alerts it found
// held in the document, then the feed poll offered the same items again (they were never marked
// seen), and with neither the document nor a reservation knowing their keys they went out in a
// second, differently composed message. Here the kill is placed exactly in that window
// (reservation-kill-child.ts) instead of by chance.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/stores.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox, alertKey } from '../../src/delivery/outbox.ts';
import { DeliveryPump } from '../../src/delivery/pump.ts';
import type { ChatRef } from '../../src/core/outbound.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { article, fastLimits, fastRetry, idsIn, renderIds, storeArticles, telegramSenderFor, waitFor } from './helpers.ts';

const CHILD = fileURLToPath(new URL('./reservation-kill-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const chat: ChatRef = { platform: 'telegram', chat: '5151' };
const ids = ['r-1', 'r-2', 'r-3', 'r-4', 'r-5'];

function runChild(storeUrl: string): Promise<{ signal: NodeJS.Signals | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, KILL_STORE: storeUrl, KILL_CHAT: chat.chat, KILL_ITEMS: ids.join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, out, err })));
}

describe('outbox over sqlite: a kill between the document and its reservations', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it('sends alerts found held after the kill once, and the same items offered again are duplicates', async () => {
    const dir = tempDir('raqib-reserve-kill-');
    cleanups.push(() => dir.remove());
    const url = `sqlite://${join(dir.dir, 'raqib.sqlite')}`;
    const seed = await openStore(url);
    await storeArticles(
      seed,
      ids.map((id) => article(id)),
    );
    await seed.close();

    const child = await runChild(url);
    expect(child.out, child.err).toContain('killing');
    expect(child.signal).toBe('SIGKILL');

    // The restarted process: the same store, a pump sending to the fake Bot API.
    const store: Store = await openStore(url);
    cleanups.push(() => store.close());
    const fake: FakeTelegram = await startFakeTelegram();
    cleanups.push(() => fake.close());
    const outbox = new Outbox({
      backend: await openOutboxBackend(store),
      articles: await storeArticles(store, []),
      makeAlertMessages: renderIds,
      batchWindowMs: 200,
      limits: fastLimits,
    });
    const pump = new DeliveryPump({ outbox, senders: { telegram: telegramSenderFor(fake) }, retry: fastRetry, pollMs: 30, livenessMs: 400 });
    cleanups.push(async () => void (await pump.stop(1000)));
    await pump.start();
    // The alerts the killed process left held in the document go out.
    await waitFor(() => fake.sent(Number(chat.chat)).length === 1, 5_000, 'the held alerts');
    expect(idsIn(fake.sent(Number(chat.chat))[0]!.text)).toEqual(ids);
    // …and are marked sent: the document no longer holds their keys.
    await waitFor(async () => (await outbox.chat(chat))?.queue.length === 0, 5_000, 'the send recorded');

    // The pipeline offers the same items again (the kill came before they were marked seen).
    const again = await outbox.alert(
      chat,
      ids.map((id) => ({ key: alertKey(chat, id), articleId: id, topics: ['iraq'] })),
    );
    expect(again).toEqual({ added: 0, duplicates: ids.length });
    // Longer than a batch window: a second message would have been sent by now.
    await new Promise((r) => setTimeout(r, 600));
    expect(fake.sent(Number(chat.chat)).map((m) => m.text)).toHaveLength(1);
  }, 60_000);
});
