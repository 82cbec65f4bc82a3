// The request helpers reproduce Slack's own fixtures byte for byte: the signing worked example and
// the bolt-js slash-command body.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signSlackRequest, slashCommandBody } from '../fakes/slack-requests.ts';
import { HAS_SHARED, sharedPath } from '../helpers/shared.ts';

describe('signSlackRequest', () => {
  it('is v0=hex(HMAC-SHA256(secret, "v0:ts:body")) and changes with body, secret and timestamp', () => {
    const a = signSlackRequest('secret', 'a=1', 1700000000);
    expect(a['x-slack-request-timestamp']).toBe('1700000000');
    expect(a['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(signSlackRequest('secret', 'a=2', 1700000000)['x-slack-signature']).not.toBe(a['x-slack-signature']);
    expect(signSlackRequest('other', 'a=1', 1700000000)['x-slack-signature']).not.toBe(a['x-slack-signature']);
    expect(signSlackRequest('secret', 'a=1', 1700000001)['x-slack-signature']).not.toBe(a['x-slack-signature']);
  });
});

describe('slashCommandBody', () => {
  it('encodes like Slack: + for spaces, %2F for the command, UTF-8 escapes for Arabic', () => {
    const body = slashCommandBody({ command: '/digest', text: 'العراق 24h' });
    const fields = new URLSearchParams(body);
    expect(fields.get('command')).toBe('/digest');
    expect(fields.get('text')).toBe('العراق 24h');
    expect(body).toContain('command=%2Fdigest');
    expect(body).toContain('text=%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82+24h');
    expect([...fields.keys()].slice(0, 8)).toEqual(['token', 'team_id', 'team_domain', 'channel_id', 'channel_name', 'user_id', 'user_name', 'command']);
  });
});

describe.skipIf(!HAS_SHARED)('against ../shared/fixtures/slack/examples', () => {
  it("reproduces the signature of Slack's worked example", () => {
    const v = JSON.parse(readFileSync(sharedPath('fixtures/slack/examples/signing_secret_test_vector.json'), 'utf8')) as {
      signing_secret: string;
      raw_body: string;
      headers: Record<string, string>;
      expected_signature: string;
    };
    const headers = signSlackRequest(v.signing_secret, v.raw_body, Number(v.headers['X-Slack-Request-Timestamp']));
    expect(headers['x-slack-signature']).toBe(v.expected_signature);
  });

  it('rebuilds the bolt-js slash command body exactly from its decoded fields', () => {
    const raw = readFileSync(sharedPath('fixtures/slack/examples/bolt-js/slash_command.urlencoded.txt'), 'utf8').trim();
    const decoded = JSON.parse(readFileSync(sharedPath('fixtures/slack/examples/bolt-js/slash_command.decoded.json'), 'utf8')) as Record<string, string>;
    const body = slashCommandBody({ ...decoded, command: decoded.command!, is_enterprise_install: decoded.is_enterprise_install === 'true' });
    expect(body).toBe(raw);
  });
});
