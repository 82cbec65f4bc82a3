import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createLogger, scrubSecrets } from '../src/log.ts';

describe('logs never carry secrets', () => {
  it('scrubs tokens and passwords from free text', () => {
    const text =
      'GET https://api.telegram.org/bot123456789:AAHfake_token-abcdefghijklmnopqrstu/sendMessage failed; slack xoxb-1234-5678-abcdefgh; redis://u:hunter2@db:6379';
    const out = scrubSecrets(text);
    expect(out).not.toContain('AAHfake_token');
    expect(out).not.toContain('xoxb-1234');
    expect(out).not.toContain('hunter2');
    expect(out).toContain('redis://u:***@db:6379');
  });

  it('redacts secret fields and scrubs error messages', async () => {
    const sink = new PassThrough();
    let out = '';
    sink.on('data', (d) => (out += d));
    const log = createLogger('info', sink);
    log.info({ token: 'xoxb-visible-token', env: { TELEGRAM_BOT_TOKEN: '1:x' } }, 'configured');
    log.error({ err: new Error('401 at https://api.telegram.org/bot123456789:AAHsecretsecretsecretsecretsecret/getMe') }, 'boom');
    await new Promise((r) => setImmediate(r));
    expect(out).toContain('configured');
    expect(out).not.toContain('xoxb-visible-token');
    expect(out).not.toContain('AAHsecret');
    expect(out).toContain('[redacted]');
  });
});
