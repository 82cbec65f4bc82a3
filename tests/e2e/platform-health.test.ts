// Health tells the truth: `raqib start` as a child process whose Telegram token the fake refuses
// (getMe 401) reports Telegram as auth_failed on /healthz (503, naming it), logs the failure once
// as one line, keeps retrying, and recovers to 200 (and answers commands) once the token works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/stores.ts';
import { freePort, healthz, startRaqib, until, type RaqibChild } from '../helpers/raqib-start.ts';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';

describe('raqib start with a Telegram token the platform refuses', () => {
  let tg: FakeTelegram;
  let raqib: RaqibChild;
  let port: number;
  const dir = tempDir();
  const health = () => healthz(port);

  beforeAll(async () => {
    tg = await startFakeTelegram({ chats: [{ id: 42, type: 'private' }] });
    tg.refusing = true;
    port = await freePort();
    writeFileSync(join(dir.dir, 'raqib.yaml'), 'feeds: []\n');
    raqib = startRaqib({
      cwd: dir.dir,
      port,
      env: { RAQIB_STORE: `sqlite://${join(dir.dir, 'raqib.sqlite')}`, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, RAQIB_ADMINS: 'telegram:42' },
      logStdout: true,
    });
  }, 30_000);

  afterAll(async () => {
    await raqib?.stop();
    await tg?.close();
    dir.remove();
  });

  // The probe (getMe) and the poller (getUpdates) race to learn the token is refused; under load
  // either may report first, and both are the platform's own answer.
  it('answers /healthz 503 naming Telegram and the reason', async () => {
    const h = await until('an unhealthy /healthz', async () => {
      const x = await health();
      return x?.status === 503 && x;
    });
    expect(h.body.ok).toBe(false);
    expect(h.body.checks.platforms!.error).toMatch(/telegram: auth_failed \(telegram (getMe|getUpdates): Unauthorized\)/);
    expect(h.body.checks.platforms!.detail!.telegram!.state).toBe('auth_failed');
    expect(h.body.checks.store!.ok).toBe(true);
    expect(h.body.checks.feeds!.detail).toMatchObject({ failing: 0, disabled: 0 });
    expect(h.body.checks.jobs!.ok).toBe(true);
  }, 30_000);

  it('keeps retrying and logs the failure once, as one line without a stack', async () => {
    const before = tg.refused;
    await new Promise((r) => setTimeout(r, 3_500));
    // The backoff grows (1 s, 2 s, …, at most 60 s): some retries, not a hot loop.
    expect(tg.refused).toBeGreaterThan(before);
    expect(tg.refused - before).toBeLessThan(10);
    const lines = raqib.log.split('\n').filter((l) => l.includes('auth_failed'));
    expect(lines).toHaveLength(1);
    expect(raqib.log).not.toMatch(/\n\s+at /);
    expect(raqib.log).not.toContain(tg.token);
  }, 10_000);

  it('recovers to 200 once the token is accepted, and answers commands', async () => {
    tg.refusing = false;
    const h = await until(
      'a healthy /healthz',
      async () => {
        const x = await health();
        return x?.status === 200 && x;
      },
      45_000,
    );
    expect(h.body.checks.platforms!.detail!.telegram!.state).toBe('connected');
    expect(raqib.log.split('\n').filter((l) => /"state":"connected"/.test(l))).toHaveLength(1);
    await tg.pushMessage({ chatId: 42, text: '/help', from: 42 });
    await until('the /help answer', () => tg.sent(42).length > 0, 20_000);
    // Admins see the platforms' states in /status.
    await tg.pushMessage({ chatId: 42, text: '/status', from: 42 });
    const status = await until('the /status answer', () => tg.sent(42).find((m) => m.text.includes('Platforms:')), 20_000);
    expect(status.text).toContain('Platforms: telegram connected');
  }, 60_000);
});
