// Socket Mode: with SLACK_APP_TOKEN the real Bolt app opens a WebSocket (URL from
// apps.connections.open at the configured API URL), acknowledges slash-command envelopes over it
// and answers through respond() like in HTTP mode.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startSlack } from '../../src/platforms/slack/slack-platform.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.ts';
import { NOW, openWorld, type World } from '../commands/command-world.ts';
import { memoryLog, waitFor } from './platform-helpers.ts';
import { startFakeSocketMode, type FakeSocketMode } from './socket-mode-server.ts';

let w: World;
let fake: FakeSlack;
let sm: FakeSocketMode;

beforeEach(async () => {
  w = await openWorld();
  await w.seed({ id: 'a1', title: 'Rockets hit Baghdad airport', hoursAgo: 2 });
  fake = await startFakeSlack();
  sm = await startFakeSocketMode();
});

afterEach(async () => {
  await sm.close();
  await fake.close();
  await w.close();
});

it('connects over Socket Mode, acks the envelope and answers the command with respond()', async () => {
  const log = memoryLog();
  const slack = await startSlack({
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_APP_TOKEN: 'xapp-1-A0RAQIB01-1-secret', SLACK_API_URL: sm.apiUrl, PORT: 0, admins: [] },
    services: w.services,
    log,
    now: () => NOW,
    lookupUsers: false,
  });
  try {
    await slack.ready;
    expect(sm.appTokens).toEqual(['xapp-1-A0RAQIB01-1-secret']);
    expect(sm.connections()).toBe(1);
    const ack = await sm.send('slash_commands', {
      token: 'x',
      team_id: 'T0RAQIB01',
      channel_id: 'C0NEWS001',
      channel_name: 'news',
      user_id: 'U0EDITOR1',
      user_name: 'editor',
      command: '/digest',
      text: 'iraq',
      api_app_id: 'A0RAQIB01',
      response_url: fake.responseUrl('sm1'),
      trigger_id: '1.2.3',
    });
    expect(ack.envelope_id).toBe('env-1');
    const [r] = await waitFor(() => fake.responses('sm1').length > 0 && fake.responses('sm1'), 'respond()');
    // A member's /digest is answered to them alone (Share in channel posts it).
    expect(r!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(r!.body.blocks)).toContain('Rockets hit Baghdad airport');
    expect(log.errors()).toEqual([]);
  } finally {
    await slack.stop();
  }
  await waitFor(() => sm.connections() === 0, 'disconnect');
});
