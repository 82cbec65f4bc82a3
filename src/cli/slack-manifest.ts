// `raqib slack-manifest [--url BASE] [--socket-mode] [--bare-commands] [--name NAME] [--format json|yaml]`:
// prints the Slack app manifest (commands, events, scopes, request URLs) generated from the command
// registry. Paste it at api.slack.com/apps → Create New App → From a manifest. By default the app
// claims the one command /raqib; --bare-commands also claims /digest, /help … workspace-wide.
import { stringify } from 'yaml';
import { parseEnv } from '../config/env.ts';
import { buildSlackManifest } from '../platforms/slack/slack-manifest.ts';
import { parseArgs, write, type CliIO } from './io.ts';

const USAGE = 'usage: raqib slack-manifest [--url https://your.host] [--socket-mode] [--bare-commands] [--name NAME] [--format json|yaml]';
const PLACEHOLDER = 'https://raqib.example.com';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['url', 'name', 'format']);
  if ('error' in args || args.positionals.length > 0) {
    await write(io.stderr, `${'error' in args ? args.error : `unexpected argument "${args.positionals[0]}"`}\n${USAGE}\n`);
    return 2;
  }
  if (args.flags.has('help')) {
    await write(io.stdout, `${USAGE}\n`);
    return 0;
  }
  for (const k of args.flags.keys()) {
    if (!['url', 'name', 'format', 'socket-mode', 'bare-commands'].includes(k)) {
      await write(io.stderr, `unknown option --${k}\n${USAGE}\n`);
      return 2;
    }
  }
  const format = (args.flags.get('format') as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'yaml') {
    await write(io.stderr, `--format must be json or yaml\n${USAGE}\n`);
    return 2;
  }
  const env = parseEnv(io.env);
  const socketMode = args.flags.has('socket-mode') || (env.ok && !!env.env.SLACK_APP_TOKEN);
  const rawUrl = args.flags.get('url') as string | undefined;
  let baseUrl = PLACEHOLDER;
  if (rawUrl !== undefined) {
    let u: URL;
    try {
      u = new URL(rawUrl);
    } catch {
      await write(io.stderr, `--url "${rawUrl}" is not a URL\n${USAGE}\n`);
      return 2;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      await write(io.stderr, '--url must be an https URL (Slack requires https for request URLs)\n');
      return 2;
    }
    baseUrl = `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } else if (!socketMode) {
    await write(io.stderr, `raqib: no --url given; the request URLs use ${PLACEHOLDER} (replace it, or use --socket-mode)\n`);
  }
  const name = args.flags.get('name');
  const bareCommands = args.flags.has('bare-commands');
  const manifest = buildSlackManifest({ baseUrl, socketMode, bareCommands, ...(typeof name === 'string' ? { name } : {}) });
  await write(io.stdout, format === 'yaml' ? stringify(manifest) : `${JSON.stringify(manifest, null, 2)}\n`);
  return 0;
}
