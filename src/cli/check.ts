// `raqib check [--config FILE] [--online]`: validate config and env through the same path as
// `raqib start` (so whatever start refuses, check refuses, in the same words), report every
// problem, exit 2 on any. --online also tries the tokens and the store (exit 1 when one fails).
// On success it lists the resulting topics (the default pack composed with the config's), how
// many personal topics each chat keeps (check-personal.ts), and warns about vocabulary terms
// that another term of the same vocabulary already matches.
import { readFileSync } from 'node:fs';
import type { TopicDef } from '../core/types.ts';
import { lintVocabularies } from '../topics/lint.ts';
import { describeScope } from '../topics/feed-scope.ts';
import { readTopicText } from '../topics/topic-read.ts';
import { flagValue, parseOrUsage, write, type CliIO } from './io.ts';
import { loadConfigContext, reportProblems } from './context.ts';
import { checkOnline } from './check-online.ts';
import { runtimeSection } from './check-runtime.ts';
import { personalTopicLines } from './check-personal.ts';

const USAGE = 'usage: raqib check [--config FILE] [--online]';

/** One line per topic: id, where it comes from, and its names. */
export function topicLines(topics: readonly TopicDef[]): string[] {
  const width = Math.max(0, ...topics.map((t) => t.id.length));
  return topics.map((t) => {
    const names = [t.names?.en ?? t.name, t.names?.ar].filter(Boolean).join(' | ');
    const scope = describeScope(t.feedScope);
    return `  ${t.id.padEnd(width)}  ${(t.origin ?? 'config').padEnd(7)}  ${names}${scope ? ` [${scope}]` : ''}`.trimEnd();
  });
}

/** Lint warnings for the config file's own vocabularies (the pack's are checked by its tests). */
function lintWarnings(path: string): string[] {
  const raw = readTopicText(readFileSync(path, 'utf8'));
  return lintVocabularies(raw.vocabularies).map((f) => `  warning${f.line !== undefined ? ` (line ${f.line})` : ''}: ${f.message}`);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = await parseOrUsage(argv, io, { values: ['config'], switches: ['online'], usage: USAGE });
  if ('exit' in parsed) return parsed.exit;
  const r = loadConfigContext(io, flagValue(parsed.args, 'config'));
  if (!r.ok) {
    await reportProblems(io, r.problems);
    return 2;
  }
  const c = r.ctx.loaded.config;
  const platforms = [r.ctx.env.SLACK_BOT_TOKEN ? 'slack' : '', r.ctx.env.TELEGRAM_BOT_TOKEN ? 'telegram' : ''].filter(Boolean);
  const pack = c.settings?.defaultPack === false ? ' (no default pack)' : '';
  const warnings = lintWarnings(r.ctx.loaded.path);
  const personal = await personalTopicLines(r.ctx.env, io.cwd, parsed.args.flags.has('online'));
  await write(
    io.stdout,
    `ok: ${r.ctx.loaded.path}\n` +
      `  ${c.feeds?.length ?? 0} feeds, ${r.ctx.topics.length} topics${pack}, ${c.subscriptions?.length ?? 0} subscriptions\n` +
      `  platforms: ${platforms.length ? platforms.join(', ') : 'console (no platform tokens)'}\n` +
      `  store: ${r.ctx.env.RAQIB_STORE.startsWith('sqlite://') ? r.ctx.env.RAQIB_STORE : 'redis'}${r.ctx.env.storeSet ? '' : " (this config's own; set RAQIB_STORE to choose)"}\n` +
      `topics (id, origin: pack | config | extends, names):\n${topicLines(r.ctx.topics).join('\n')}\n` +
      `${personal.join('\n')}\n` +
      (warnings.length > 0 ? `vocabulary lint:\n${warnings.join('\n')}\n` : ''),
  );
  const online = parsed.args.flags.has('online');
  const feedUrls = (c.feeds ?? []).map((f) => f.url);
  await write(io.stdout, await runtimeSection({ storeUrl: r.ctx.env.RAQIB_STORE, cwd: io.cwd, online, topics: r.ctx.topics, feedUrls }));
  if (!online) return 0;
  const tried = await checkOnline(r.ctx.env, io.cwd);
  await write(io.stdout, `online:\n${tried.lines.join('\n')}\n`);
  return tried.ok ? 0 : 1;
}
