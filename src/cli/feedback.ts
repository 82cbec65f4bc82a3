// `raqib feedback export [--topic T] [--since 30d] [--config FILE]`: the 👍 / 👎 verdicts people gave
// on alerts and digest stories, as JSON Lines {topic, verdict, url, title, lang, platform, chat,
// user, at}, oldest first: the shape of the labelled files the relevance evaluation reads.
import { parseDuration } from '../core/duration.ts';
import { FeedbackStore } from '../store/feedback-store.ts';
import { EXIT_USAGE, openConfigStore } from './context.ts';
import { flagValue, parseOrUsage, write, type CliIO } from './io.ts';

const USAGE = 'usage: raqib feedback export [--topic TOPIC] [--since 30d] [--config FILE]';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = await parseOrUsage(argv, io, { values: ['topic', 'since', 'config'], maxPositionals: 1, usage: USAGE });
  if ('exit' in parsed) return parsed.exit;
  const [action] = parsed.args.positionals;
  if (action !== 'export') {
    await write(io.stderr, `${action === undefined ? 'what to do? (export)' : `unknown action "${action}" (export)`}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const since = flagValue(parsed.args, 'since');
  const sinceMs = since === undefined ? undefined : parseDuration(since);
  if (since !== undefined && sinceMs === undefined) {
    await write(io.stderr, `--since "${since}" is not a duration such as 7d or 30d\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const opened = await openConfigStore(io, flagValue(parsed.args, 'config'));
  if ('exit' in opened) return opened.exit;
  const { store } = opened;
  try {
    const topic = flagValue(parsed.args, 'topic');
    const records = await new FeedbackStore(store).list({
      ...(topic !== undefined ? { topic } : {}),
      ...(sinceMs !== undefined ? { sinceMs: Date.now() - sinceMs } : {}),
    });
    const lines = records.map((r) =>
      JSON.stringify({
        topic: r.topic,
        verdict: r.verdict,
        url: r.url,
        title: r.title,
        lang: r.lang,
        platform: r.platform,
        chat: r.chat,
        user: r.user,
        at: r.at,
      }),
    );
    if (lines.length > 0) await write(io.stdout, `${lines.join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
