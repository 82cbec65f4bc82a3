// `raqib slack-manifest`: the app manifest generated from the registry, through the real CLI entry.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../../commands/registry.ts';
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/slack-manifest.ts';
import { BOT_EVENTS, BOT_SCOPES } from '../../src/platforms/slack/slack-manifest.ts';

async function manifest(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await run(argv, { stdin: new PassThrough(), stdout, stderr, env, cwd: process.cwd() });
  return { code, out, err };
}

interface SlashCommand {
  command: string;
  url?: string;
  description: string;
  usage_hint?: string;
}

describe('raqib slack-manifest', () => {
  it('claims only /raqib by default, with the Home tab and the welcome events', async () => {
    const r = await manifest(['--url', 'https://raqib.example.org/']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out);
    expect(m.features.slash_commands.map((c: SlashCommand) => c.command)).toEqual(['/raqib']);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.settings.event_subscriptions).toEqual({
      request_url: 'https://raqib.example.org/slack/events',
      bot_events: ['app_home_opened', 'member_joined_channel'],
    });
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['channels:read', 'groups:read']));
  });

  it('--bare-commands lists every registry command with its URL, usage hint and the bot scopes', async () => {
    const r = await manifest(['--url', 'https://raqib.example.org/', '--bare-commands']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out);
    const cmds: SlashCommand[] = m.features.slash_commands;
    expect(cmds).toHaveLength(commands.length + 1);
    expect(cmds.every((c) => c.url === 'https://raqib.example.org/slack/events')).toBe(true);
    expect(cmds.find((c) => c.command === '/digest')).toMatchObject({ usage_hint: '[TOPIC] [SINCE]' });
    expect(cmds.find((c) => c.command === '/raqib-topic')).toMatchObject({ usage_hint: 'TOPIC [suggestions]' });
    expect(cmds.some((c) => c.command === '/topic')).toBe(false);
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read']));
    expect(m.settings.socket_mode_enabled).toBe(false);
    // Button presses (block_actions) go to the same signed endpoint as the commands.
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://raqib.example.org/slack/events' });
    expect(cmds.every((c) => c.command.length <= 32 && c.description.length > 0)).toBe(true);
  });

  it('Socket Mode (flag or SLACK_APP_TOKEN) drops the request URLs; YAML on request', async () => {
    const r = await manifest(['--format', 'yaml'], { SLACK_APP_TOKEN: 'xapp-1-A0-123-abc' });
    expect(r.code).toBe(0);
    const m = parse(r.out);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.features.slash_commands.every((c: SlashCommand) => c.url === undefined)).toBe(true);
    expect(m.settings.event_subscriptions.request_url).toBeUndefined();
    expect(r.err).toBe('');
  });

  it('warns about the placeholder URL and refuses bad options', async () => {
    const r = await manifest([]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('no --url given');
    expect((await manifest(['--url', 'ftp://x'])).code).toBe(2);
    expect((await manifest(['--url', 'nope'])).code).toBe(2);
    expect((await manifest(['--format', 'xml'])).code).toBe(2);
    expect((await manifest(['--bogus'])).code).toBe(2);
    expect((await manifest(['extra'])).code).toBe(2);
  });

  it('agrees with the README: every command, scope, event and option is documented', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Commands'), readme.indexOf('### Telegram set-up'));
    for (const c of commands) expect(section, `/${c.name}`).toContain(`| \`/${c.name}`);
    for (const scope of BOT_SCOPES) expect(section, scope).toContain(`\`${scope}\``);
    for (const event of BOT_EVENTS) expect(section, event).toContain(`\`${event}\``);
    expect(readme).toContain('raqib slack-manifest [--url BASE] [--socket-mode] [--bare-commands]');
  });
});
