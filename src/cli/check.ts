// `raqib check [--config FILE]`: validate config and env, report every problem, exit 2 on any.
import { flagValue, parseOrUsage, write, type CliIO } from './io.ts';
import { loadConfigContext, reportProblems } from './context.ts';

const USAGE = 'usage: raqib check [--config FILE]';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = await parseOrUsage(argv, io, { values: ['config'], usage: USAGE });
  if ('exit' in parsed) return parsed.exit;
  const r = loadConfigContext(io, flagValue(parsed.args, 'config'));
  if (!r.ok) {
    await reportProblems(io, r.problems);
    return 2;
  }
  const c = r.ctx.loaded.config;
  const platforms = [r.ctx.env.SLACK_BOT_TOKEN ? 'slack' : '', r.ctx.env.TELEGRAM_BOT_TOKEN ? 'telegram' : ''].filter(Boolean);
  await write(
    io.stdout,
    `ok: ${r.ctx.loaded.path}\n` +
      `  ${c.feeds?.length ?? 0} feeds, ${r.ctx.topics.length} topics${c.topics ? '' : ' (default pack)'}, ${c.subscriptions?.length ?? 0} subscriptions\n` +
      `  platforms: ${platforms.length ? platforms.join(', ') : 'console (no platform tokens)'}\n`,
  );
  return 0;
}
