// Text translation at the platform edges: Slack's escaped command text in, escaped replies out;
// Telegram HTML replies split under the limit; command names and menus from the registry.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/registry.ts';
import { replyToSlack, slackCommandText } from '../../src/platforms/slack/slack-text.ts';
import { resolveSlackCommand, slackCommandName } from '../../src/platforms/slack/slack-names.ts';
import { replyToTelegramHtml, TELEGRAM_MESSAGE_MAX } from '../../src/platforms/telegram/telegram-html.ts';
import { menuFor } from '../../src/platforms/telegram/telegram-menu.ts';
import { checkTelegramText } from '../fakes/telegram-html.ts';

describe('Slack text', () => {
  it('turns slash-command text back into what was typed', () => {
    expect(slackCommandText('add x a &amp; b &lt;c&gt;')).toBe('add x a & b <c>');
    expect(slackCommandText('add <https://e.example/rss?a=1&amp;b=2|e.example/rss>')).toBe('add https://e.example/rss?a=1&b=2');
    expect(slackCommandText('<@U123|ali> <#C999|news> <!here>')).toBe('@ali #news @here');
    expect(slackCommandText('&amp;lt;')).toBe('&lt;');
  });

  it('escapes replies and keeps at most five responses', () => {
    const [m] = replyToSlack({ status: 'ok', text: 'x <!channel> & <https://evil|bank>' });
    expect(m!.text).toBe('x &lt;!channel&gt; &amp; &lt;https://evil|bank&gt;');
    const long = replyToSlack({ status: 'ok', text: 'y\n'.repeat(20_000) });
    expect(long).toHaveLength(5);
  });

  it('maps command names: Slack built-ins get the raqib- prefix, /raqib reaches everything', () => {
    expect(slackCommandName({ name: 'digest' })).toBe('/digest');
    expect(slackCommandName({ name: 'topic' })).toBe('/raqib-topic');
    expect(slackCommandName({ name: 'status' })).toBe('/raqib-status');
    expect(new Set(commands.map(slackCommandName)).size).toBe(commands.length);
    expect(resolveSlackCommand('/raqib-mute', 'iraq 1h')).toEqual({ name: 'mute', args: 'iraq 1h' });
    expect(resolveSlackCommand('/raqib', ' digest iraq ')).toEqual({ name: 'digest', args: 'iraq' });
    expect(resolveSlackCommand('/raqib', '/topics')).toEqual({ name: 'topics', args: '' });
    expect(resolveSlackCommand('/raqib', '')).toEqual({ name: 'help', args: '' });
    expect(resolveSlackCommand('/DIGEST', 'x')).toEqual({ name: 'digest', args: 'x' });
  });
});

describe('Telegram text', () => {
  it('escapes replies into valid HTML messages under the length limit', () => {
    const parts = replyToTelegramHtml({ status: 'ok', text: `<script>&amp; ${'العراق '.repeat(2_000)}` });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      const check = checkTelegramText(p, 'HTML');
      expect(check.ok).toBe(true);
      if (check.ok) expect(check.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_MAX);
    }
    expect(parts[0]).toMatch(/^&lt;script&gt;&amp;amp; /);
  });

  it('builds the menus from the registry within Bot API limits', () => {
    for (const lang of ['en', 'ar'] as const) {
      const all = menuFor(lang, true);
      expect(all.map((c) => c.command)).toEqual(commands.map((c) => c.name));
      expect(all.every((c) => /^[a-z0-9_]{1,32}$/.test(c.command) && c.description.length >= 1 && c.description.length <= 256)).toBe(true);
    }
    expect(menuFor('en', false).some((c) => c.command === 'feeds')).toBe(false);
  });
});

describe('command names in Slack replies', () => {
  it('usage lines and help name the commands as Slack knows them', () => {
    const [m] = replyToSlack({ status: 'usage', text: 'Usage: /topic TOPIC\n/topics — list\n/status — x, /mute a b; see /search.' });
    expect(m!.text).toBe('Usage: /raqib topic TOPIC\n/raqib topics — list\n/raqib status — x, /raqib mute a b; see /raqib search.');
  });
});
