// Slack slash-command names for the registry's commands. By default the app claims one command,
// "/raqib <command>", so that it never takes /help or /digest from a whole workspace; replies name
// commands that way. With `raqib slack-manifest --bare-commands` each command is also its own
// ("/digest"), except where Slack has a built-in of that name (/topic, /mute, /status, /search …),
// which wins over an app's: those get a "raqib-" prefix.
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

const names = [...commands.map((d) => d.name)].sort((a, b) => b.length - a.length);
const COMMAND_RE = new RegExp(`(?<![\\w/-])/(${names.join('|')})(?![\\w-])`, 'g');

/** Replies name commands as the registry does ("/digest"); on Slack they read "/raqib digest", which every install has. */
export function slackifyCommandNames(text: string): string {
  return text.replace(COMMAND_RE, `/${UMBRELLA_COMMAND} $1`);
}
