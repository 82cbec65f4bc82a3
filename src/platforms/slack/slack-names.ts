// Slack slash-command names for the registry's commands. Slack's own built-in commands (/topic,
// /mute, /status, /search …) win over an app's, so those get a "raqib-" prefix; "/raqib <command>"
// reaches every command whatever the workspace has installed.
import { commands } from '../../../commands/registry.ts';
import type { CommandDef } from '../../../commands/types.ts';

/** Where Slack posts slash commands and events (HTTP mode). */
export const SLACK_EVENTS_PATH = '/slack/events';

export const UMBRELLA_COMMAND = 'raqib';
const PREFIX = 'raqib-';

/** Slack built-ins (help centre, "Use built-in slash commands") a same-named app command loses to. */
const SLACK_BUILTINS = new Set([
  'active',
  'apps',
  'archive',
  'away',
  'call',
  'collapse',
  'dm',
  'dnd',
  'expand',
  'feed',
  'feedback',
  'invite',
  'invite_people',
  'join',
  'kick',
  'leave',
  'me',
  'msg',
  'mute',
  'open',
  'prefs',
  'remind',
  'remove',
  'rename',
  'search',
  'shortcuts',
  'shrug',
  'star',
  'status',
  'topic',
  'who',
]);

/** "/digest", or "/raqib-topic" where Slack has a built-in of that name. */
export function slackCommandName(def: Pick<CommandDef, 'name'>): string {
  return SLACK_BUILTINS.has(def.name) ? `/${PREFIX}${def.name}` : `/${def.name}`;
}

/**
 * Maps what Slack sent ("/raqib-topic", "/digest", "/raqib digest iraq") to a registry command
 * name and its argument text (still Slack-escaped).
 */
export function resolveSlackCommand(command: string, text: string): { name: string; args: string } {
  let name = command.trim().replace(/^\//, '').toLowerCase();
  let args = text.trim();
  if (name === UMBRELLA_COMMAND) {
    const m = /^\/?(\S+)(?:\s+([\s\S]*))?$/.exec(args);
    if (!m) return { name: 'help', args: '' };
    name = m[1]!.toLowerCase();
    args = (m[2] ?? '').trim();
  }
  if (name.startsWith(PREFIX)) name = name.slice(PREFIX.length);
  return { name, args };
}

const renamed = commands.filter((d) => SLACK_BUILTINS.has(d.name)).map((d) => d.name);
const RENAMED_RE = renamed.length > 0 ? new RegExp(`(?<![\\w/-])/(${renamed.join('|')})(?![\\w-])`, 'g') : undefined;

/** Replies name commands as the registry does; on Slack the built-in clashes carry the prefix. */
export function slackifyCommandNames(text: string): string {
  return RENAMED_RE ? text.replace(RENAMED_RE, `/${PREFIX}$1`) : text;
}
