// Crash safety over SQLite (one process at a time): the same scenario as crash-redis.test.ts.
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { tempDir } from '../helpers/stores.ts';
import { runCrashTest } from './crash-harness.ts';
import { expectCrashReport } from './crash-expect.ts';

describe('crash safety over sqlite', () => {
  it('delivers 200 items to 5 chats across 20 SIGKILLs: nothing lost, no repeat unless a kill hit a send in flight', async () => {
    const dir = tempDir('raqib-crash-');
    try {
      const r = await runCrashTest({
        storeUrl: `sqlite://${join(dir.dir, 'raqib.sqlite')}`,
        chats: ['9101', '9102', '9103', '9104', '-9105'],
        items: 200,
        publishMs: 100,
        kills: 20,
        minLifeMs: 100,
        maxLifeMs: 1200,
        startupKillEvery: 5,
        seed: 4242,
        drainTimeoutMs: 20_000,
      });
      expectCrashReport(r, 'sqlite');
      await r.fake.close();
    } finally {
      dir.remove();
    }
  }, 90_000);
});
