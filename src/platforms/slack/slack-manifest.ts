// The Slack app manifest, generated from the command registry so that the app's slash commands,
// their usage hints and the bot scopes always match what the code serves.
import { commands } from '../../../commands/registry.ts';
import { synopsis } from '../../../commands/arg-spec.ts';
import type { CommandDef } from '../../../commands/types.ts';
import { SLACK_EVENTS_PATH, slackCommandName, UMBRELLA_COMMAND } from './slack-names.ts';

export interface ManifestOptions {
  /** Public base URL of the bot, e.g. https://raqib.example.com (unused in Socket Mode). */
  baseUrl: string;
  socketMode: boolean;
  name?: string;
  /** Also claim each command by its own name (/digest, /raqib-topic …), not only /raqib COMMAND. */
  bareCommands?: boolean;
}

/**
 * Bot scopes, each for a reason: `commands` (slash commands), `chat:write` (digests and alerts),
 * `chat:write.public` (post to public channels without being invited first), `users:read`
 * (users.info: reply language and workspace admin role), `im:write` (open a DM for subscriptions
 * made in a direct message), `files:write` (upload /trend charts), `channels:read` and
 * `groups:read` (member_joined_channel: the one-time welcome when the app is added to a public or
 * private channel).
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'users:read', 'im:write', 'files:write', 'channels:read', 'groups:read'] as const;

/** Events the app subscribes to: the App Home tab and the app joining a channel (src/platforms/slack/slack-welcome.ts). */
export const BOT_EVENTS = ['app_home_opened', 'member_joined_channel'] as const;

// Slack's manifest limits: command 32, description 2000, usage_hint 1000 characters.
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function buildSlackManifest(opts: ManifestOptions, defs: readonly CommandDef[] = commands): Record<string, unknown> {
  const name = opts.name ?? 'raqib';
  const url = `${opts.baseUrl.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
  const command = (cmd: string, description: string, hint: string) => ({
    command: clip(cmd, 32),
    ...(opts.socketMode ? {} : { url }),
    description: clip(description, 2000),
    ...(hint ? { usage_hint: clip(hint, 1000) } : {}),
    should_escape: false,
  });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Watches news feeds for Arabic and English topics and posts short digests.',
      background_color: '#1d3557',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        command(`/${UMBRELLA_COMMAND}`, 'News digests and alerts for watched topics; /raqib help lists the commands', 'COMMAND [ARGUMENTS], e.g. digest iraq'),
        ...(opts.bareCommands ? defs.map((d) => command(slackCommandName(d), d.description.en, synopsis(d.spec))) : []),
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(opts.socketMode ? {} : { request_url: url }), bot_events: [...BOT_EVENTS] },
      // Buttons under alerts and digests (block_actions) come to the same signed endpoint as commands.
      interactivity: { is_enabled: true, ...(opts.socketMode ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: opts.socketMode,
      token_rotation_enabled: false,
    },
  };
}
