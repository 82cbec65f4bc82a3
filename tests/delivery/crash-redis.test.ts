// Crash safety over Redis: the delivery process is SIGKILLed at random moments, 20 times, while a
// feed keeps publishing 200 matching items for 5 subscribed chats; after the last restart every
// item must have reached every chat once (see crash-expect.ts for the one window that cannot close).
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { REDIS_URL, deleteByPrefix } from '../helpers/stores.ts';
import { openStore } from '../../src/store/open-store.ts';
import { runCrashTest } from './crash-harness.ts';
import { expectCrashReport } from './crash-expect.ts';

describe.skipIf(!REDIS_URL)('crash safety over redis (needs REDIS_URL)', () => {
  it('delivers 200 items to 5 chats across 20 SIGKILLs: nothing lost, no repeat unless a kill hit a send in flight', async () => {
    const prefix = `raqibcrash${randomBytes(5).toString('hex')}`;
    try {
      const r = await runCrashTest({
        storeUrl: REDIS_URL!,
        prefix,
        chats: ['9001', '9002', '9003', '9004', '-9005'],
        items: 200,
        publishMs: 100,
        kills: 20,
        minLifeMs: 100,
        maxLifeMs: 1200,
        startupKillEvery: 5,
        seed: 20261,
        // Waits only while items are missing: on a loaded machine the last follow-up replies (one
        // message per chat per second) arrived after 20 s, late but not lost.
        drainTimeoutMs: 90_000,
      });
      expectCrashReport(r, 'redis');
      await r.fake.close();
    } finally {
      const s = await openStore(REDIS_URL!, { redisPrefix: prefix });
      await deleteByPrefix(s, prefix);
      await s.close();
    }
  }, 420_000);
});
