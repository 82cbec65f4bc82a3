// The crash scenario end to end: the real `raqib start` (SQLite store, Telegram through
// the fake Bot API, a local RSS feed) is SIGKILLed at random moments, 20 times, while the feed
// publishes 200 matching items for 5 subscribed chats. After the last restart every item must
// have reached every chat once (crash-expect.ts: the one window no design can close).
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { tempDir } from '../helpers/stores.ts';
import { runCrashTest } from './crash-harness.ts';
import { expectCrashReport } from './crash-expect.ts';

describe('crash safety of raqib start (sqlite)', () => {
  it('delivers 200 items to 5 chats across 20 SIGKILLs: nothing lost, no repeat unless a kill hit a send in flight', async () => {
    const dir = tempDir('raqib-crash-');
    try {
      const r = await runCrashTest({
        target: 'raqib',
        storeUrl: `sqlite://${join(dir.dir, 'raqib.sqlite')}`,
        chats: ['9101', '9102', '9103', '9104', '-9105'],
        items: 200,
        publishMs: 100,
        kills: 20,
        minLifeMs: 100,
        maxLifeMs: 1200,
        startupKillEvery: 5,
        seed: 4242,
        // Waits only while items are missing: on a loaded machine the last follow-up replies (one
        // message per chat per second) arrived after 20 s, late but not lost.
        drainTimeoutMs: 90_000,
      });
      expectCrashReport(r, 'raqib start, sqlite');
      await r.fake.close();
    } finally {
      dir.remove();
    }
  }, 420_000);
});
