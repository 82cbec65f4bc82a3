// Child process of reservation-crash.test.ts: queues one chat's alerts in the SQLite outbox and is
// SIGKILLed by itself at the moment the local backend has committed the chat document and starts
// writing the alerts' idempotency keys — the window between the backend's two durable writes.
// The moment is found through keyv's own preSet hook on the outbox namespace, so the code under
// test runs unchanged. Configuration from env: KILL_STORE (sqlite URL), KILL_CHAT, KILL_ITEMS
// (comma-separated article ids, stored by the parent).
import { openStore } from '../../src/store/open-store.ts';
import { openOutboxBackend } from '../../src/delivery/open-delivery.ts';
import { Outbox, alertKey } from '../../src/delivery/outbox.ts';
import { ArticleStore } from '../../src/store/article-store.ts';
import type { ChatRef } from '../../src/core/outbound.ts';
import { renderIds } from './helpers.ts';

const store = await openStore(process.env.KILL_STORE!);
const chat: ChatRef = { platform: 'telegram', chat: process.env.KILL_CHAT! };
const ids = process.env.KILL_ITEMS!.split(',');
const outbox = new Outbox({ backend: await openOutboxBackend(store), articles: new ArticleStore(store), makeAlertMessages: renderIds });

// The hook fires synchronously inside keyv's set(), before the key's row is written.
store.namespace('outbox').hooks.addHandler('preSet', (data: { key: string }) => {
  if (!String(data.key).startsWith('k:')) return;
  process.stdout.write('killing\n');
  process.kill(process.pid, 'SIGKILL');
});

await outbox.alert(
  chat,
  ids.map((id) => ({ key: alertKey(chat, id), articleId: id, topics: ['iraq'] })),
);
// Reaching this line means the kill never came: the parent sees a normal exit and fails.
process.stdout.write('queued without a kill\n');
await store.close();
